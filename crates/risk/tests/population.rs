//! Tests of `risk::population`: golden values computed by ARX's own classes
//! (`RiskModelPopulationUniqueness` with `ModelPitman`, `ModelZayatz`, `ModelSNB`, ARX at
//! commit aacd487, Commons Math 3.6.1, newtonraphson 0.0.1, OpenJDK 17 on x86-64) on the Adult
//! data, the expected values of ARX's `TestRiskMetrics`, hand-computed summaries, and
//! properties that must hold for any histogram.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use proptest::prelude::*;
use risk::population::{
    population_table_risk_summary, population_uniqueness, sample_risk_summary, ClassSizes,
    DankarModel, Population, PopulationError, SolverConfig,
};

/// The Adult rows (header first), split on `;`.
fn adult() -> &'static Vec<Vec<String>> {
    static ROWS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/adult.csv"))
                .expect("adult.csv");
        text.split("\r\n")
            .filter(|line| !line.is_empty())
            .map(|line| line.split(';').map(str::to_owned).collect())
            .collect()
    })
}

/// Class-size histogram of Adult over the given columns (`all` = the nine columns, which are
/// ARX's quasi-identifiers in `TestRiskMetrics`), counted independently of `risk::classes`.
fn adult_classes(columns: &str) -> ClassSizes {
    let rows = adult();
    let indices: Vec<usize> = if columns == "all" {
        (0..rows[0].len()).collect()
    } else {
        columns
            .split(',')
            .map(|c| rows[0].iter().position(|h| h == c).expect(c))
            .collect()
    };
    let mut counts = BTreeMap::<Vec<&str>, u64>::new();
    for row in &rows[1..] {
        *counts
            .entry(indices.iter().map(|&i| row[i].as_str()).collect())
            .or_insert(0) += 1;
    }
    ClassSizes::from_class_sizes(counts.into_values()).unwrap()
}

/// (columns, pi, N, classes, sample uniques, [Pitman, Zayatz, SNB, Dankar], Dankar's model),
/// as ARX computes them; `None` where ARX reports the estimate as not available.
type Golden = (
    &'static str,
    f64,
    u64,
    u64,
    u64,
    [Option<f64>; 4],
    DankarModel,
);

#[rustfmt::skip]
const GOLDEN: [Golden; 17] = {
    use DankarModel::{Pitman as P, Snb as S, Zayatz as Z};
    const EIGHT: &str = "sex,age,race,marital-status,education,workclass,occupation,salary-class";
    [
        ("all", 0.1, 301620, 19502, 15512, [Some(0.27684993883653597), Some(0.3207402393466189), None, Some(0.27684993883653597)], P),
        ("all", 0.2, 150810, 19502, 15512, [Some(0.33662801701732237), Some(0.3577099234829125), None, Some(0.3577099234829125)], Z),
        ("all", 0.01, 3016200, 19502, 15512, [Some(0.1446083531167384), Some(0.2717127199363312), None, Some(0.1446083531167384)], P),
        ("all", 1.0, 30162, 19502, 15512, [Some(0.5300239369431139), Some(0.5142895033485844), Some(0.5142895033714224), Some(0.5142895033485844)], Z),
        ("all", 0.3, 100540, 19502, 15512, [Some(0.3774131114413693), Some(0.38648374919393447), None, Some(0.38648374919393447)], Z),
        ("all", 0.7, 43089, 19502, 15512, [Some(0.4792962207273197), Some(0.4685708288340692), None, Some(0.4685708288340692)], Z),
        ("all", 0.9, 33513, 19502, 15512, [Some(0.5145063671913978), Some(0.4999852250958078), Some(0.49691503431392775), Some(0.49691503431392775)], S),
        (EIGHT, 0.9, 33513, 18755, 14490, [Some(0.48227001285991955), Some(0.46500623473395347), Some(0.4615026863488553), Some(0.4615026863488553)], S),
        (EIGHT, 1.0, 30162, 18755, 14490, [Some(0.4987231915957166), Some(0.4804058086333797), Some(0.4804058086336153), Some(0.4804058086333797)], Z),
        ("marital-status,native-country", 0.3, 100540, 205, 30, [None, Some(0.00018802276559693295), None, Some(0.00018802276559693295)], Z),
        ("marital-status,native-country", 0.05, 603240, 205, 30, [None, Some(3.723937523754888e-05), None, Some(3.723937523754888e-05)], Z),
        ("race,marital-status", 0.1, 301620, 32, 1, [None, Some(9.40888032427417e-07), None, Some(9.40888032427417e-07)], Z),
        ("age", 0.05, 603240, 72, 1, [Some(7.613996053622507e-08), Some(3.261192859317803e-07), None, Some(7.613996053622507e-08)], P),
        ("sex,age,race", 0.1, 301620, 528, 62, [Some(0.00030720513392297775), Some(0.00012737682522643868), None, Some(0.00030720513392297775)], P),
        ("sex,age,race", 0.5, 60324, 528, 62, [Some(0.001525275950281318), Some(0.0007123623423071529), None, Some(0.0007123623423071529)], Z),
        ("age,education,occupation", 0.01, 3016200, 5044, 1907, [Some(0.0015601360309279156), Some(0.004817073060491387), None, Some(0.0015601360309279156)], P),
        ("age,education,occupation", 0.2, 150810, 5044, 1907, [Some(0.01789518409344451), Some(0.01870864438704713), None, Some(0.01870864438704713)], Z),
    ]
};

#[test]
fn uniqueness_estimates_match_arx_bit_for_bit_on_adult() {
    for config in [SolverConfig::default(), SolverConfig::deterministic()] {
        for (columns, pi, big_n, classes, uniques, [pitman, zayatz, snb, dankar], model) in GOLDEN {
            let sample = adult_classes(columns);
            assert_eq!(
                (sample.classes(), sample.classes_of_size(1)),
                (classes, uniques),
                "{columns}"
            );
            let r =
                population_uniqueness(&sample, Population::SamplingFraction(pi), &config).unwrap();
            let case = format!("{columns} at pi = {pi}");
            assert_eq!(
                (r.population_size, r.sample_size, r.sample_uniques),
                (big_n, 30162, uniques),
                "{case}"
            );
            assert_eq!(
                [r.pitman, r.zayatz, r.snb, r.dankar],
                [pitman, zayatz, snb, dankar],
                "{case}"
            );
            assert_eq!(r.dankar_model, model, "{case}");
            assert_eq!(
                r.population_uniques.map(|u| u / big_n as f64),
                dankar,
                "{case}"
            );
        }
    }
}

/// ARX's `TestRiskMetrics` compares uniqueness with four truncated digits.
fn four_digits(v: f64) -> i32 {
    (v * 10000.0) as i32
}

#[test]
fn arx_test_risk_metrics_adult() {
    let sample = adult_classes("all");
    // testAverageRisk2 and testHighestIndividualRisk2, before anonymization.
    let summary = sample_risk_summary(&sample, 0.2).unwrap();
    assert_eq!(summary.prosecutor_avg_risk, 0.6465751607983555);
    assert_eq!(summary.prosecutor_max_risk, 1.0);
    // testDecisionRule2: Dankar at 0.1 (Pitman), 0.2, 0.01 and 1, never above sample uniqueness.
    let sample_uniqueness = sample.classes_of_size(1) as f64 / sample.records() as f64;
    for (pi, expected) in [
        (0.1, 0.27684993883653597),
        (0.2, 0.3577099234829125),
        (0.01, 0.1446083531167384),
        (1.0, 0.5142895033485844),
    ] {
        let r = population_uniqueness(
            &sample,
            Population::SamplingFraction(pi),
            &SolverConfig::default(),
        )
        .unwrap();
        let dankar = r.dankar.unwrap();
        assert_eq!(four_digits(dankar), four_digits(expected), "pi = {pi}");
        assert!(
            four_digits(dankar) <= four_digits(sample_uniqueness),
            "pi = {pi}"
        );
    }
    assert_eq!(sample_uniqueness, 0.5142895033485844);
    // ARX's estimated numbers of population uniques (`getNumUniqueTuples*`) at pi = 0.01.
    let r = population_uniqueness(
        &sample,
        Population::SamplingFraction(0.01),
        &SolverConfig::default(),
    )
    .unwrap();
    assert_eq!(r.population_uniques, Some(436167.7146707063));
    assert_eq!(r.zayatz.map(|f| f * 3016200.0), Some(819539.9058719622));
}

#[test]
fn arx_test_risk_metrics_example() {
    // DataProvider: seven records, all unique on (age, gender, zipcode).
    let sample = ClassSizes::new(&[(1, 7)]).unwrap();
    let summary = sample_risk_summary(&sample, 0.2).unwrap();
    assert_eq!(
        (summary.prosecutor_avg_risk, summary.prosecutor_max_risk),
        (1.0, 1.0)
    );
    // testDecisionRule: N = round(7 / 0.2) = 35; ARX: Pitman undefined, Zayatz exactly 1.
    let r = population_uniqueness(
        &sample,
        Population::SamplingFraction(0.2),
        &SolverConfig::default(),
    )
    .unwrap();
    assert_eq!(r.population_size, 35);
    assert_eq!(
        (r.pitman, r.zayatz, r.snb, r.dankar),
        (None, Some(1.0), None, Some(1.0))
    );
    assert_eq!(r.dankar_model, DankarModel::Zayatz);
    // After 2-anonymization there are no sample uniques: every estimate is 0.
    let anonymous = ClassSizes::new(&[(2, 2), (3, 1)]).unwrap();
    let r = population_uniqueness(
        &anonymous,
        Population::SamplingFraction(0.1),
        &SolverConfig::default(),
    )
    .unwrap();
    assert_eq!([r.pitman, r.zayatz, r.snb, r.dankar], [Some(0.0); 4]);
    assert_eq!(
        (r.dankar_model, r.population_uniques),
        (DankarModel::NoSampleUniques, Some(0.0))
    );
    assert_eq!(
        sample_risk_summary(&anonymous, 0.2)
            .unwrap()
            .prosecutor_avg_risk,
        0.42857142857142855
    );
}

#[test]
fn sample_summary_by_hand() {
    // Classes of sizes 1, 1, 2, 5, 5: 14 records.
    let sample = ClassSizes::new(&[(5, 2), (1, 2), (2, 1)]).unwrap();
    let s = sample_risk_summary(&sample, 0.2).unwrap();
    assert_eq!((s.records, s.classes), (14, 5));
    assert_eq!((s.prosecutor_max_risk, s.prosecutor_min_risk), (1.0, 0.2));
    assert_eq!(s.prosecutor_avg_risk, 5.0 / 14.0);
    // 1/5 is not strictly above 0.2: only the four records in classes of size 1 and 2.
    assert_eq!(s.prosecutor_records_at_risk, 4.0 / 14.0);
    assert_eq!(
        sample_risk_summary(&sample, 0.5)
            .unwrap()
            .prosecutor_records_at_risk,
        2.0 / 14.0
    );
    assert_eq!(
        sample_risk_summary(&sample, 0.0)
            .unwrap()
            .prosecutor_records_at_risk,
        1.0
    );
    assert_eq!(
        (
            s.journalist_max_risk,
            s.journalist_avg_risk,
            s.marketer_risk
        ),
        (1.0, 5.0 / 14.0, 5.0 / 14.0)
    );
}

#[test]
fn population_table_summary_by_hand() {
    let table = [(1, 3), (2, 2), (1, 10), (3, 7)];
    let s = population_table_risk_summary(&table, 0.3).unwrap();
    assert_eq!((s.records, s.classes), (7, 4));
    assert_eq!(
        (s.prosecutor_max_risk, s.prosecutor_min_risk),
        (1.0, 1.0 / 3.0)
    );
    assert_eq!(
        (s.prosecutor_avg_risk, s.prosecutor_records_at_risk),
        (4.0 / 7.0, 1.0)
    );
    assert_eq!((s.journalist_max_risk, s.journalist_min_risk), (0.5, 0.1));
    // Population classes 3 and 2 are above the threshold: 1 + 2 records.
    assert_eq!(s.journalist_records_at_risk, 3.0 / 7.0);
    let success = (1.0 / 3.0 + 2.0 / 2.0 + 1.0 / 10.0 + 3.0 / 7.0) / 7.0;
    assert_eq!(s.marketer_risk, success);
    assert_eq!(s.journalist_avg_risk, success.max(4.0 / 22.0));
    // Classes over population records can also be the larger of the two success rates.
    let s = population_table_risk_summary(&[(1, 2), (10, 10)], 0.3).unwrap();
    assert_eq!(
        (s.journalist_avg_risk, s.marketer_risk),
        (2.0 / 12.0, (0.5 + 1.0) / 11.0)
    );
}

#[test]
fn invalid_inputs_are_errors() {
    assert_eq!(ClassSizes::new(&[]), Err(PopulationError::EmptySample));
    assert_eq!(
        ClassSizes::new(&[(3, 0)]),
        Err(PopulationError::EmptySample)
    );
    assert_eq!(
        ClassSizes::new(&[(0, 2), (1, 1)]),
        Err(PopulationError::ZeroClassSize)
    );
    assert_eq!(
        ClassSizes::new(&[(u64::MAX, 2)]),
        Err(PopulationError::Overflow)
    );
    let sample = ClassSizes::new(&[(1, 3), (2, 1)]).unwrap();
    let config = SolverConfig::default();
    for pi in [0.0, -0.1, 1.5, f64::NAN, f64::INFINITY] {
        let err =
            population_uniqueness(&sample, Population::SamplingFraction(pi), &config).unwrap_err();
        assert!(matches!(err, PopulationError::SamplingFraction(_)), "{pi}");
    }
    assert_eq!(
        population_uniqueness(&sample, Population::Size(4), &config).unwrap_err(),
        PopulationError::PopulationTooSmall {
            population: 4,
            sample: 5
        }
    );
    for threshold in [-0.1, 1.1, f64::NAN] {
        assert!(matches!(
            sample_risk_summary(&sample, threshold),
            Err(PopulationError::Threshold(_))
        ));
    }
    assert_eq!(
        population_table_risk_summary(&[], 0.2),
        Err(PopulationError::EmptySample)
    );
    assert_eq!(
        population_table_risk_summary(&[(0, 3)], 0.2),
        Err(PopulationError::ZeroClassSize)
    );
    assert_eq!(
        population_table_risk_summary(&[(1, 4), (3, 2)], 0.2),
        Err(PopulationError::PopulationClassTooSmall {
            population: 2,
            sample: 3
        })
    );
}

#[test]
fn class_sizes_and_population_size() {
    let sizes = ClassSizes::new(&[(3, 1), (1, 2), (3, 2), (7, 0)]).unwrap();
    assert_eq!(sizes.entries(), &[(1, 2), (3, 3)]);
    assert_eq!(
        (
            sizes.classes(),
            sizes.records(),
            sizes.min_class_size(),
            sizes.max_class_size()
        ),
        (5, 11, 1, 3)
    );
    assert_eq!((sizes.classes_of_size(3), sizes.classes_of_size(2)), (3, 0));
    assert_eq!(sizes.average_class_size(), 2.2);
    assert_eq!(
        ClassSizes::from_class_sizes([3, 1, 3, 1, 3]).unwrap(),
        sizes
    );
    // N = round(n / pi), as ARXPopulationModel.create(n, pi).
    assert_eq!(
        Population::SamplingFraction(0.3).size_for(30162),
        Ok(100540)
    );
    assert_eq!(Population::SamplingFraction(0.7).size_for(30162), Ok(43089));
    assert_eq!(Population::SamplingFraction(1.0).size_for(30162), Ok(30162));
    assert_eq!(
        Population::Size(317_238_626).size_for(30162),
        Ok(317_238_626)
    );
}

#[test]
fn serializes_with_snake_case_keys() {
    let sample = ClassSizes::new(&[(1, 7)]).unwrap();
    let r = population_uniqueness(&sample, Population::Size(35), &SolverConfig::default()).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["dankar_model"], "zayatz");
    assert_eq!(json["pitman"], serde_json::Value::Null);
    assert_eq!(json["zayatz"], 1.0);
    assert_eq!(json["population_uniques"], 35.0);
    let summary = serde_json::to_value(sample_risk_summary(&sample, 0.2).unwrap()).unwrap();
    for key in [
        "journalist_max_risk",
        "journalist_avg_risk",
        "journalist_records_at_risk",
        "marketer_risk",
    ] {
        assert_eq!(summary[key], 1.0, "{key}");
    }
}

/// Histograms of up to 6 distinct sizes, at most 40 classes each.
fn histograms() -> impl Strategy<Value = Vec<(u64, u64)>> {
    prop::collection::vec((1u64..12, 0u64..40), 1..6)
        .prop_filter("some records", |h| h.iter().any(|&(_, c)| c > 0))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn table_of_equal_classes_is_the_sample_summary(h in histograms(), threshold in 0.0f64..=1.0) {
        let sample = ClassSizes::new(&h).unwrap();
        let table: Vec<(u64, u64)> = sample.entries().iter()
            .flat_map(|&(size, count)| std::iter::repeat((size, size)).take(count as usize))
            .collect();
        prop_assert_eq!(population_table_risk_summary(&table, threshold).unwrap(), sample_risk_summary(&sample, threshold).unwrap());
    }

    #[test]
    fn larger_population_classes_lower_journalist_risk(
        table in prop::collection::vec((1u64..20, 0u64..50), 1..30), threshold in 0.0f64..=1.0,
    ) {
        let table: Vec<(u64, u64)> = table.into_iter().map(|(s, extra)| (s, s + extra)).collect();
        let s = population_table_risk_summary(&table, threshold).unwrap();
        prop_assert!(s.journalist_max_risk <= s.prosecutor_max_risk);
        prop_assert!(s.journalist_min_risk <= s.journalist_max_risk);
        prop_assert!(s.journalist_records_at_risk <= s.prosecutor_records_at_risk);
        prop_assert!(s.marketer_risk <= s.prosecutor_avg_risk * (1.0 + 1e-12));
        prop_assert!(s.marketer_risk <= s.journalist_avg_risk);
        prop_assert!(s.journalist_avg_risk <= s.journalist_max_risk * (1.0 + 1e-12));
    }

    #[test]
    fn records_at_risk_fall_as_the_threshold_rises(h in histograms(), a in 0.0f64..=1.0, b in 0.0f64..=1.0) {
        let sample = ClassSizes::new(&h).unwrap();
        let (low, high) = (a.min(b), a.max(b));
        let at = |t| sample_risk_summary(&sample, t).unwrap().prosecutor_records_at_risk;
        prop_assert!(at(high) <= at(low));
        let s = sample_risk_summary(&sample, low).unwrap();
        prop_assert!(s.prosecutor_min_risk <= s.prosecutor_avg_risk && s.prosecutor_avg_risk <= s.prosecutor_max_risk);
    }

    #[test]
    fn uniqueness_estimates_are_consistent(h in histograms(), pi in prop::sample::select(vec![0.01, 0.05, 0.1, 0.2, 0.5, 1.0])) {
        let sample = ClassSizes::new(&h).unwrap();
        let r = population_uniqueness(&sample, Population::SamplingFraction(pi), &SolverConfig::deterministic()).unwrap();
        let (c1, n, big_n) = (sample.classes_of_size(1) as f64, sample.records() as f64, r.population_size as f64);
        if c1 == 0.0 {
            prop_assert_eq!([r.pitman, r.zayatz, r.snb, r.dankar], [Some(0.0); 4]);
            prop_assert_eq!(r.dankar_model, DankarModel::NoSampleUniques);
            return Ok(());
        }
        // Pitman is range checked into (0, N]; Zayatz is at most the sample's uniqueness.
        if let Some(p) = r.pitman { prop_assert!(p > 0.0 && p <= 1.0); }
        let zayatz = r.zayatz.unwrap();
        prop_assert!(zayatz > 0.0 && zayatz <= c1 / n * (1.0 + 1e-12));
        if r.sampling_fraction == 1.0 {
            // Hypergeometric draws of the whole population: exactly the sample uniques.
            prop_assert_eq!(zayatz, c1 / big_n);
        }
        let expected = if r.sampling_fraction <= 0.1 {
            r.pitman.map_or(DankarModel::Zayatz, |_| DankarModel::Pitman)
        } else if r.snb.is_some_and(|snb| snb <= zayatz) {
            DankarModel::Snb
        } else {
            DankarModel::Zayatz
        };
        prop_assert_eq!(r.dankar_model, expected);
        let chosen = match expected { DankarModel::Pitman => r.pitman, DankarModel::Snb => r.snb, _ => r.zayatz };
        prop_assert_eq!(r.dankar, chosen);
    }

    #[test]
    // A one-record sample is left out: with N = round(1 / pi) = 1 Zayatz's estimate is undefined.
    fn all_unique_samples_are_all_unique_populations_for_zayatz(n in 2u64..400, pi in 0.05f64..=1.0) {
        let sample = ClassSizes::new(&[(1, n)]).unwrap();
        let r = population_uniqueness(&sample, Population::SamplingFraction(pi), &SolverConfig::deterministic()).unwrap();
        prop_assert!((r.zayatz.unwrap() - 1.0).abs() < 1e-12);
    }
}
