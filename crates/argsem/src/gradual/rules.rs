//! The update rule of each semantics: an argument's strength from its base score and the
//! current strengths of its attackers and supporters.

use super::Semantics;

/// One update of one argument: `base`, the node indices of its attackers and supporters, and
/// the current strengths of all arguments.
pub(super) fn update(
    semantics: Semantics,
    base: f64,
    attackers: &[u32],
    supporters: &[u32],
    s: &[f64],
) -> f64 {
    match semantics {
        Semantics::HCategoriser => base / (1.0 + sum(attackers, s)),
        Semantics::DfQuad => {
            let attack = probabilistic_sum(attackers, s);
            let support = probabilistic_sum(supporters, s);
            if attack >= support {
                base - base * (attack - support)
            } else {
                base + (1.0 - base) * (support - attack)
            }
        }
        // Leite and Martins' product semantics: τ(a) · ¬(∨ of the attackers), with ∨ the
        // probabilistic sum, which is DF-QuAD's rule when there are no supporters.
        Semantics::Social => base * (1.0 - probabilistic_sum(attackers, s)),
        Semantics::Qem => {
            let energy = sum(supporters, s) - sum(attackers, s);
            base + (1.0 - base) * quadratic(energy) - base * quadratic(-energy)
        }
        Semantics::Euler => {
            // With w = 0 the rule is 0 for every energy; computing it would give 0 · ∞ when the
            // energy overflows the exponential.
            if base == 0.0 {
                return 0.0;
            }
            let energy = sum(supporters, s) - sum(attackers, s);
            1.0 - (1.0 - base * base) / (1.0 + base * energy.exp())
        }
    }
}

fn sum(arguments: &[u32], s: &[f64]) -> f64 {
    arguments.iter().map(|&b| s[b as usize]).sum()
}

/// `1 − Π(1 − s(b))`: 0 for no argument, 1 as soon as one has strength 1.
fn probabilistic_sum(arguments: &[u32], s: &[f64]) -> f64 {
    1.0 - arguments
        .iter()
        .map(|&b| 1.0 - s[b as usize])
        .product::<f64>()
}

/// Potyka's impact function `h(x) = max(x, 0)² / (1 + max(x, 0)²)`.
fn quadratic(x: f64) -> f64 {
    let x = x.max(0.0);
    x * x / (1.0 + x * x)
}

/// Leite and Martins' base score from votes: `v⁺ / (v⁺ + v⁻ + ε)`, and 0 for an argument
/// nobody voted on (whatever `ε`). Larger `ε` keeps arguments with few votes further from 1.
///
/// # Panics
/// If `epsilon` is negative or not finite: a caller checks it where the user gives it.
pub fn social_score(positive: u64, negative: u64, epsilon: f64) -> super::BaseScore {
    assert!(
        epsilon.is_finite() && epsilon >= 0.0,
        "epsilon must be a finite number >= 0, not {epsilon}"
    );
    let total = positive as f64 + negative as f64 + epsilon;
    let score = if positive == 0 {
        0.0
    } else {
        positive as f64 / total
    };
    super::BaseScore(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn social_scores_follow_the_votes_and_epsilon() {
        assert_eq!(social_score(0, 0, 0.0).get(), 0.0);
        assert_eq!(social_score(0, 5, 0.1).get(), 0.0);
        assert_eq!(social_score(3, 1, 0.0).get(), 0.75);
        assert_eq!(social_score(3, 0, 0.0).get(), 1.0);
        assert!(social_score(3, 0, 0.5).get() < 1.0);
        assert!(social_score(3, 1, 1.0).get() < social_score(30, 10, 1.0).get());
    }

    #[test]
    fn euler_with_zero_weight_is_zero_even_when_the_energy_overflows() {
        let s = [1.0; 1000];
        let supporters: Vec<u32> = (0..1000).collect();
        assert_eq!(update(Semantics::Euler, 0.0, &[], &supporters, &s), 0.0);
        assert_eq!(update(Semantics::Euler, 0.5, &[], &supporters, &s), 1.0);
    }
}
