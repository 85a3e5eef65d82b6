//! The SAT solver the semantics are decided with: CaDiCaL, through rustsat, used incrementally
//! (clauses added between calls, questions asked under assumptions).
//!
//! Everything else in the crate sees only this module's [`Lit`] and [`Sat`], so that the
//! solver is a choice made here.

use rustsat::solvers::{PhaseLit, Solve, SolveIncremental, SolverResult};
use rustsat::types::{Clause, Lit as SolverLit, TernaryVal};
use rustsat_cadical::CaDiCaL;

/// A literal: a variable (numbered from 0) or its negation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lit(SolverLit);

impl Lit {
    /// The variable `index`, positive.
    pub(crate) fn positive(index: u32) -> Self {
        Self(SolverLit::new(index, false))
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
    solver: CaDiCaL<'static, 'static>,
    variables: u32,
    /// The last model, by variable: kept, as the solver forgets it when a clause is added.
    model: Vec<bool>,
}

impl Sat {
    /// A solver with `variables` variables, numbered `0..variables`, and no clauses.
    pub(crate) fn new(variables: u32) -> Self {
        Self {
            solver: CaDiCaL::default(),
            variables,
            model: Vec::new(),
        }
    }

    /// A new variable, numbered after every other.
    pub(crate) fn fresh(&mut self) -> Lit {
        self.variables += 1;
        Lit::positive(self.variables - 1)
    }

    pub(crate) fn add(&mut self, literals: &[Lit]) {
        let clause: Clause = literals.iter().map(|l| l.0).collect();
        // CaDiCaL fails only when it cannot allocate, which ends the process anyway.
        self.solver
            .add_clause(clause)
            .expect("the SAT solver accepts a clause");
    }

    /// Makes the solver try `lit` first when it decides its variable.
    pub(crate) fn prefer(&mut self, lit: Lit) {
        self.solver
            .phase_lit(lit.0)
            .expect("the SAT solver takes a phase");
    }

    /// Whether the clauses and `assumptions` are satisfiable together.
    pub(crate) fn solve(&mut self, assumptions: &[Lit]) -> bool {
        let assumptions: Vec<SolverLit> = assumptions.iter().map(|l| l.0).collect();
        match self
            .solver
            .solve_assumps(&assumptions)
            .expect("the SAT solver answers")
        {
            SolverResult::Sat => {
                let solver = &self.solver;
                self.model = (0..self.variables)
                    .map(|v| {
                        let value = solver.lit_val(Lit::positive(v).0);
                        matches!(value.expect("a model after SAT"), TernaryVal::True)
                    })
                    .collect();
                true
            }
            SolverResult::Unsat => false,
            // No limit or interrupter is ever set.
            SolverResult::Interrupted => unreachable!("the SAT solver was not interrupted"),
        }
    }

    /// The value of `lit` in the model of the last satisfiable call.
    pub(crate) fn value(&self, lit: Lit) -> bool {
        self.model[lit.0.vidx()] == lit.0.is_pos()
    }
}
