//! Golden figures on Adult: ARX's own output, and the reference, compared with `==`.

use crate::adult_data::{adult, hierarchy_file, COLUMNS as ADULT_COLUMNS};
use risk::classes::EquivalenceClasses;
use risk::models::{
    assess, RiskQuery, SensitiveAttribute, SensitiveDistributions, SensitiveHierarchy,
};
use risk::Error;

use crate::reference::{assert_close, naive, RiskReportFigures};

fn adult_hierarchy(column: &str) -> Vec<Vec<String>> {
    let text = String::from_utf8(hierarchy_file(column)).unwrap_or_else(|error| panic!("{error}"));
    text.lines()
        .filter(|line| !line.is_empty())
        .map(|line| {
            line.trim_end_matches('\r')
                .split(';')
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

/// ARX's figures for one choice of QIs and sensitive attribute on Adult.
struct ArxFigures {
    qi: &'static [&'static str],
    sensitive: &'static str,
    classes: usize,
    k_min: usize,
    avg_prosecutor_risk: f64,
    records_at_risk: f64,
    sample_uniques: f64,
    l_distinct_min: usize,
    l_entropy_min: f64,
    t_closeness_max: f64,
    hierarchical_t_closeness_max: f64,
    /// For l = 1, 2, …: the least c for which recursive (c,l)-diversity holds.
    recursive_c_min: &'static [f64],
}

#[test]
fn adult_all_nine_qis_match_arx() -> Result<(), Error> {
    let report = assess(adult(), &RiskQuery::new(ADULT_COLUMNS))?;
    assert_eq!(report.rows, 30_162);
    assert_eq!(report.persons, 30_162);
    assert_eq!(report.classes, 19_502);
    // ARX's TestRiskMetrics.testAverageRisk2 and testUniqueness.
    assert_eq!(report.avg_prosecutor_risk, 0.6465751607983555);
    assert_eq!(report.sample_uniques, 0.5142895033485844);
    assert_eq!(report.records_at_risk, 0.7781314236456468);
    assert_eq!(report.max_prosecutor_risk, 1.0);
    assert_eq!(report.k_min, 1);
    let reference = naive(adult(), &ADULT_COLUMNS, None, None);
    assert_eq!(RiskReportFigures::from(&report), reference.report(0.2));
    Ok(())
}

#[test]
fn adult_with_a_sensitive_attribute_matches_arx_and_the_reference() -> Result<(), Error> {
    for arx in adult_arx_figures() {
        let mut query = RiskQuery::new(arx.qi.iter().copied());
        query.sensitive = Some(SensitiveAttribute {
            column: arx.sensitive.to_owned(),
            hierarchy: None,
        });
        let report = assess(adult(), &query)?;
        let what = format!("{:?} -> {}", arx.qi, arx.sensitive);
        assert_eq!(report.classes, arx.classes, "{what}");
        assert_eq!(report.k_min, arx.k_min, "{what}");
        assert_eq!(
            report.avg_prosecutor_risk, arx.avg_prosecutor_risk,
            "{what}"
        );
        assert_eq!(report.records_at_risk, arx.records_at_risk, "{what}");
        assert_eq!(report.sample_uniques, arx.sample_uniques, "{what}");
        assert_eq!(report.l_distinct_min, Some(arx.l_distinct_min), "{what}");
        assert_eq!(report.l_entropy_min, Some(arx.l_entropy_min), "{what}");
        assert_eq!(report.t_closeness_max, Some(arx.t_closeness_max), "{what}");
        let hierarchy = SensitiveHierarchy::new(adult_hierarchy(arx.sensitive))?;
        query.sensitive = Some(SensitiveAttribute {
            column: arx.sensitive.to_owned(),
            hierarchy: Some(hierarchy),
        });
        let hierarchical = assess(adult(), &query)?.t_closeness_max;
        assert_eq!(
            hierarchical,
            Some(arx.hierarchical_t_closeness_max),
            "{what}"
        );

        let classes = EquivalenceClasses::new(adult(), arx.qi, None)?;
        let distributions = SensitiveDistributions::new(adult(), &classes, arx.sensitive)?;
        for (l, &c) in (1..).zip(arx.recursive_c_min) {
            let below = f64::from_bits(c.to_bits() - 1);
            assert_eq!(
                distributions.is_recursive_cl_diverse(c, l),
                Ok(true),
                "{what}"
            );
            assert_eq!(
                distributions.is_recursive_cl_diverse(below, l),
                Ok(false),
                "{what}"
            );
        }

        let reference = naive(adult(), arx.qi, None, Some(arx.sensitive));
        assert_eq!(
            RiskReportFigures::from(&report),
            reference.report(0.2),
            "{what}"
        );
        assert_eq!(
            report.l_distinct_min,
            Some(reference.l_distinct_min()),
            "{what}"
        );
        assert_close(
            report.l_entropy_min.unwrap_or_default(),
            reference.l_entropy_min(),
            &what,
        );
        assert_close(
            report.t_closeness_max.unwrap_or_default(),
            reference.t_closeness_max(),
            &what,
        );
        assert_close(
            hierarchical.unwrap_or_default(),
            reference.hierarchical_t_closeness_max(&adult_hierarchy(arx.sensitive)),
            &what,
        );
    }
    Ok(())
}

/// ARX 3.9 (commit aacd487) on Adult: every column outside `qi` and `sensitive` insensitive,
/// QIs at generalization level 0, no suppression. Prosecutor figures from
/// `RiskModelSampleSummary` (threshold 0.2) and `RiskModelSampleUniqueness`; the l and t
/// figures as the boundary where ARX's `DistinctLDiversity`, `EntropyLDiversity`,
/// `EqualDistanceTCloseness` and `HierarchicalDistanceTCloseness` (with the sensitive
/// column's `adult_hierarchy_*.csv`) start or stop to hold, found by bisection over doubles.
fn adult_arx_figures() -> [ArxFigures; 5] {
    [
        ArxFigures {
            qi: &ADULT_COLUMNS[..8],
            sensitive: "salary-class",
            classes: 18_109,
            k_min: 1,
            avg_prosecutor_risk: 0.6003912207413301,
            records_at_risk: 0.728632053577349,
            sample_uniques: 0.4648564418805119,
            l_distinct_min: 1,
            l_entropy_min: 1.0,
            t_closeness_max: 0.7510775147536636,
            hierarchical_t_closeness_max: 0.7510775147536636,
            recursive_c_min: &[1.0000000000000002],
        },
        ArxFigures {
            qi: &[
                "sex",
                "age",
                "race",
                "marital-status",
                "education",
                "native-country",
                "workclass",
                "salary-class",
            ],
            sensitive: "occupation",
            classes: 12_458,
            k_min: 1,
            avg_prosecutor_risk: 0.4130362708043233,
            records_at_risk: 0.5090179696306611,
            sample_uniques: 0.29311716729659837,
            l_distinct_min: 1,
            l_entropy_min: 1.0,
            t_closeness_max: 0.9997016112989855,
            hierarchical_t_closeness_max: 0.8296532060208209,
            recursive_c_min: &[1.0000000000000002],
        },
        ArxFigures {
            qi: &["sex", "race", "marital-status"],
            sensitive: "occupation",
            classes: 63,
            k_min: 1,
            avg_prosecutor_risk: 0.0020887209071016512,
            records_at_risk: 6.962403023672171E-4,
            sample_uniques: 6.630860022544923E-5,
            l_distinct_min: 1,
            l_entropy_min: 1.0,
            t_closeness_max: 0.8766328492805517,
            hierarchical_t_closeness_max: 0.7677375505603077,
            recursive_c_min: &[1.0000000000000002],
        },
        ArxFigures {
            qi: &["sex", "race"],
            sensitive: "education",
            classes: 10,
            k_min: 87,
            avg_prosecutor_risk: 3.315430011272462E-4,
            records_at_risk: 0.0,
            sample_uniques: 0.0,
            l_distinct_min: 12,
            l_entropy_min: 5.97108982335025,
            t_closeness_max: 0.22324169396517807,
            hierarchical_t_closeness_max: 0.192686865229437,
            recursive_c_min: &[0.452513966480447, 0.8265306122448981, 1.3728813559322037],
        },
        ArxFigures {
            qi: &["age", "sex"],
            sensitive: "marital-status",
            classes: 142,
            k_min: 1,
            avg_prosecutor_risk: 0.004707910616006896,
            records_at_risk: 7.293946024799417E-4,
            sample_uniques: 1.3261720045089847E-4,
            l_distinct_min: 1,
            l_entropy_min: 1.0,
            t_closeness_max: 0.9725813938067768,
            hierarchical_t_closeness_max: 0.7197964325973079,
            recursive_c_min: &[1.0000000000000002],
        },
    ]
}
