//! The SAT solver the semantics are decided with: batsat, a pure Rust CDCL solver in the
//! MiniSat line, used incrementally (clauses added between calls, questions asked under
//! assumptions). Pure Rust because this crate builds without a C or C++ compiler.
//!
//! Everything else in the crate sees only this module's [`Lit`] and [`Sat`], so that the
//! solver is a choice made here.

use batsat::{lbool, BasicSolver, Lit as SolverLit, SolverInterface, Var};

/// A literal: a variable (numbered from 0) or its negation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lit(SolverLit);

impl Lit {
    /// The variable `index`, positive.
    pub(crate) fn positive(index: u32) -> Self {
        Self(SolverLit::new(Var::unsafe_from_idx(index), true))
    }
}

impl std::ops::Not for Lit {
    type Output = Lit;

    fn not(self) -> Lit {
        Lit(!self.0)
    }
}

/// An incremental SAT solver.
pub(crate) struct Sat {
    solver: BasicSolver,
    variables: u32,
    /// The last model, by variable.
    model: Vec<bool>,
}

impl Sat {
    /// A solver with `variables` variables, numbered `0..variables`, and no clauses; the first
    /// `true_first` of them are tried true first when the solver decides them, the others false.
    pub(crate) fn new(variables: u32, true_first: u32) -> Self {
        let mut solver = BasicSolver::default();
        for v in 0..variables {
            let polarity = if v < true_first {
                lbool::TRUE
            } else {
                lbool::FALSE
            };
            solver.new_var(polarity, true);
        }
        Self {
            solver,
            variables,
            model: Vec::new(),
        }
    }

    /// A new variable, numbered after every other.
    pub(crate) fn fresh(&mut self) -> Lit {
        self.solver.new_var_default();
        self.variables += 1;
        Lit::positive(self.variables - 1)
    }

    pub(crate) fn add(&mut self, literals: &[Lit]) {
        let mut clause: Vec<SolverLit> = literals.iter().map(|l| l.0).collect();
        // `false` means the clauses are now unsatisfiable, which the next call reports.
        self.solver.add_clause_reuse(&mut clause);
    }

    /// Whether the clauses and `assumptions` are satisfiable together.
    pub(crate) fn solve(&mut self, assumptions: &[Lit]) -> bool {
        let assumptions: Vec<SolverLit> = assumptions.iter().map(|l| l.0).collect();
        // No budget is ever set, so the answer is never undefined.
        let satisfiable = self.solver.solve_limited(&assumptions) == lbool::TRUE;
        if satisfiable {
            // Kept: the solver's own model does not outlive the next change.
            let solver = &self.solver;
            self.model = (0..self.variables)
                .map(|v| solver.value_lit(Lit::positive(v).0) == lbool::TRUE)
                .collect();
        }
        satisfiable
    }

    /// The value of `lit` in the model of the last satisfiable call.
    pub(crate) fn value(&self, lit: Lit) -> bool {
        self.model[lit.0.var().idx() as usize] == lit.0.sign()
    }
}
