//! Tests of `risk::presence`: a naive reference (rows grouped by their strings in
//! `BTreeMap`s, ARX's loops of `DPresence` and `RiskModelSampleSummary` written out) over
//! random populations and samples with proptest, and ARX's own δ-presence results on Adult
//! and its research subset (`TestAnonymizationDPresence`).

use std::collections::BTreeMap;

use proptest::prelude::*;
use risk::population::RiskSummary;
use risk::{DeltaBounds, Error, SampleInPopulation};
use table::{CsvOptions, Table};

#[path = "common/adult_data.rs"]
mod adult_data;

/// What the reference expects: the figures, or the error variant with its counts.
#[derive(Debug, PartialEq)]
enum Expected {
    Figures {
        class_sizes: Vec<(u64, u64)>,
        population_classes: u64,
        unsampled: u64,
        delta_min: f64,
        delta_max: f64,
        summary: RiskSummary,
    },
    TooSmall,
    NotInPopulation(u64, u64),
    LargerThanPopulation(u64, u64),
}

/// ARX's figures by hand from QI tuples of both tables, in the sample's first-occurrence
/// order; checks in the order the crate documents.
fn reference(sample: &[Vec<String>], population: &[Vec<String>], threshold: f64) -> Expected {
    if population.len() < sample.len() {
        return Expected::TooSmall;
    }
    let mut population_counts = BTreeMap::<&[String], u64>::new();
    for row in population {
        *population_counts.entry(row).or_default() += 1;
    }
    let mut sample_classes: Vec<(&[String], u64)> = Vec::new();
    for row in sample {
        match sample_classes
            .iter_mut()
            .find(|(key, _)| *key == row.as_slice())
        {
            Some((_, count)) => *count += 1,
            None => sample_classes.push((row, 1)),
        }
    }
    let absent: Vec<u64> = sample_classes
        .iter()
        .filter(|(key, _)| !population_counts.contains_key(key))
        .map(|&(_, count)| count)
        .collect();
    if !absent.is_empty() {
        return Expected::NotInPopulation(absent.iter().sum(), absent.len() as u64);
    }
    let over: Vec<u64> = sample_classes
        .iter()
        .filter(|(key, count)| *count > population_counts[key])
        .map(|&(_, count)| count)
        .collect();
    if !over.is_empty() {
        return Expected::LargerThanPopulation(over.iter().sum(), over.len() as u64);
    }

    // DPresence.isAnonymous over every class of the superset.
    let (mut delta_min, mut delta_max, mut unsampled) = (f64::INFINITY, f64::NEG_INFINITY, 0);
    for (key, &pcount) in &population_counts {
        let count = sample_classes
            .iter()
            .find(|(k, _)| k == key)
            .map_or(0, |&(_, c)| c);
        let delta = if count == 0 {
            unsampled += 1;
            0.0
        } else {
            count as f64 / pcount as f64
        };
        delta_min = delta_min.min(delta);
        delta_max = delta_max.max(delta);
    }

    // RiskModelSampleSummary's three loops, in doubles as ARX has them.
    let (mut p_ra, mut p_small, mut p_large, mut n, mut classes) =
        (0.0, f64::from(i32::MAX), -f64::MAX, 0.0, 0.0);
    let (mut j_ra, mut j_small, mut j_large, mut rc1, mut rc2) =
        (0.0, f64::from(i32::MAX), -f64::MAX, 0.0, 0.0);
    let mut class_sizes = Vec::new();
    for (key, count) in &sample_classes {
        let (size, psize) = (*count as f64, population_counts[key] as f64);
        class_sizes.push((*count, population_counts[key]));
        if 1.0 / size > threshold {
            p_ra += size;
        }
        p_small = f64::min(p_small, size);
        p_large = f64::max(p_large, size);
        if 1.0 / psize > threshold {
            j_ra += size;
        }
        j_small = f64::min(j_small, psize);
        j_large = f64::max(j_large, psize);
        classes += 1.0;
        n += size;
        rc1 += psize;
        rc2 += size / psize;
    }
    Expected::Figures {
        class_sizes,
        population_classes: population_counts.len() as u64,
        unsampled,
        delta_min,
        delta_max,
        summary: RiskSummary {
            threshold,
            records: sample.len() as u64,
            classes: sample_classes.len() as u64,
            prosecutor_max_risk: 1.0 / p_small,
            prosecutor_min_risk: 1.0 / p_large,
            prosecutor_avg_risk: classes / n,
            prosecutor_records_at_risk: p_ra / n,
            journalist_max_risk: 1.0 / j_small,
            journalist_min_risk: 1.0 / j_large,
            journalist_avg_risk: f64::max(classes / rc1, rc2 / n),
            journalist_records_at_risk: j_ra / n,
            marketer_risk: rc2 / n,
        },
    }
}

/// What the crate computes, in the reference's terms.
fn computed(sample: &Table, population: &Table, qi: &[&str], threshold: f64) -> Expected {
    match SampleInPopulation::new(sample, population, qi) {
        Ok(matched) => Expected::Figures {
            class_sizes: matched.class_sizes().to_vec(),
            population_classes: matched.population_classes,
            unsampled: matched.unsampled_population_classes,
            delta_min: matched.delta_min,
            delta_max: matched.delta_max,
            summary: matched
                .risk_summary(threshold)
                .expect("threshold in [0, 1]"),
        },
        Err(Error::PopulationTooSmall { .. }) => Expected::TooSmall,
        Err(Error::SampleNotInPopulation {
            n_records,
            n_classes,
        }) => Expected::NotInPopulation(n_records, n_classes),
        Err(Error::SampleClassLargerThanPopulation {
            n_records,
            n_classes,
        }) => Expected::LargerThanPopulation(n_records, n_classes),
        Err(other) => panic!("unexpected error: {other}"),
    }
}

fn table(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Table {
    let mut table = Table::new(header.iter().map(|name| (*name).to_owned()).collect());
    for row in rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        table.push_row(&cells).expect("rows as wide as the header");
    }
    table
}

/// A row: (a, b, extra).
type Row = (u8, u8, u8);

/// Rows over small alphabets, so classes repeat.
fn rows(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec((0u8..3, 0u8..4, 0u8..3), len)
}

/// The population's columns in another order than the sample's, with an extra column.
fn population_table(rows: &[Row]) -> Table {
    table(
        &["extra", "b", "a"],
        rows.iter()
            .map(|&(a, b, x)| vec![format!("x{x}"), format!("b{b}"), format!("a{a}")]),
    )
}

fn sample_table(rows: &[Row]) -> Table {
    table(
        &["a", "b"],
        rows.iter()
            .map(|&(a, b, _)| vec![format!("a{a}"), format!("b{b}")]),
    )
}

/// QI tuples of the rows over ["a", "b"] (`both`) or ["b"].
fn tuples(rows: &[Row], both: bool) -> Vec<Vec<String>> {
    rows.iter()
        .map(|&(a, b, _)| {
            if both {
                vec![format!("a{a}"), format!("b{b}")]
            } else {
                vec![format!("b{b}")]
            }
        })
        .collect()
}

/// A population and a shuffled sub-multiset of its rows.
fn subset() -> impl Strategy<Value = (Vec<Row>, Vec<Row>)> {
    rows(1..60)
        .prop_flat_map(|population| {
            let len = population.len();
            let picked =
                prop::sample::subsequence((0..len).collect::<Vec<_>>(), 1..=len).prop_shuffle();
            (Just(population), picked)
        })
        .prop_map(|(population, picked)| {
            let sample = picked.iter().map(|&i| population[i]).collect();
            (population, sample)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_subset_has_the_reference_figures(
        (population, sample) in subset(), both in any::<bool>(), threshold in 0.0f64..=1.0,
    ) {
        let qi: &[&str] = if both { &["a", "b"] } else { &["b"] };
        let expected = reference(&tuples(&sample, both), &tuples(&population, both), threshold);
        prop_assert!(matches!(expected, Expected::Figures { .. }), "a subset is no error");
        let got = computed(&sample_table(&sample), &population_table(&population), qi, threshold);
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn any_sample_gets_the_reference_figures_or_error(
        population in rows(1..40), sample in rows(1..40), both in any::<bool>(),
    ) {
        let qi: &[&str] = if both { &["a", "b"] } else { &["b"] };
        let expected = reference(&tuples(&sample, both), &tuples(&population, both), 0.2);
        let got = computed(&sample_table(&sample), &population_table(&population), qi, 0.2);
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn delta_presence_holds_exactly_within_the_observed_range(
        (population, sample) in subset(), low in 0.0f64..=1.0, high in 0.0f64..=1.0,
    ) {
        let matched = SampleInPopulation::new(
            &sample_table(&sample), &population_table(&population), &["a", "b"],
        ).expect("a subset");
        let bounds = DeltaBounds::new(low.min(high), low.max(high)).expect("ordered shares");
        // The definition, class by class: every population class within the bounds.
        let mut counts = BTreeMap::<(u8, u8), (u64, u64)>::new();
        for &(a, b, _) in &population {
            counts.entry((a, b)).or_default().1 += 1;
        }
        for &(a, b, _) in &sample {
            counts.entry((a, b)).or_default().0 += 1;
        }
        let holds = counts.values().all(|&(count, pcount)| {
            let delta = if count == 0 { 0.0 } else { count as f64 / pcount as f64 };
            bounds.min <= delta && delta <= bounds.max
        });
        prop_assert_eq!(matched.is_delta_present(bounds), holds);
    }
}

/// A `;`-separated file of `tests/data`.
fn read(name: &str) -> Table {
    let options = CsvOptions {
        delimiter: Some(b';'),
        ..CsvOptions::default()
    };
    table::read_csv(&adult_data::data_dir().join(name), &options)
        .unwrap_or_else(|error| panic!("{error}"))
}

/// The table's QI columns generalized to `levels` with the Adult hierarchy files, read here
/// as plain `;`-separated lines.
fn generalized(source: &Table, levels: &[usize]) -> Table {
    let mut maps = Vec::new();
    for (&column, &level) in adult_data::BUT_OCCUPATION.iter().zip(levels) {
        let text = String::from_utf8(adult_data::hierarchy_file(column)).expect("hierarchy file");
        let map: BTreeMap<String, String> = text
            .lines()
            .filter(|line| !line.is_empty())
            .map(|line| {
                let fields: Vec<&str> = line.split(';').collect();
                (fields[0].to_owned(), fields[level].to_owned())
            })
            .collect();
        maps.push(map);
    }
    let names = source.column_names();
    let indices: Vec<usize> = adult_data::BUT_OCCUPATION
        .iter()
        .map(|q| names.iter().position(|n| n == q).expect("QI column"))
        .collect();
    table(
        &adult_data::BUT_OCCUPATION,
        (0..source.n_rows()).map(|row| {
            let cells = source.row(row).expect("row in range");
            indices
                .iter()
                .zip(&maps)
                .map(|(&i, map)| map[cells[i]].clone())
                .collect()
        }),
    )
}

/// ARX's optimum (AECS, no suppression) for each bounds: δ-presence holds there, the sample has
/// records / AECS classes, and no node one level lower in one QI with more sample classes
/// (so a smaller AECS, which ARX would have preferred) satisfies the bounds.
#[test]
fn adult_subset_agrees_with_arx_test_anonymization_d_presence() {
    let population = adult_data::adult();
    let sample = read("adult_subset.csv");
    // (dMin, dMax, ARX's levels, ARX's AECS): cases 0 and 6 of the test.
    let cases: [(f64, f64, [usize; 8], f64); 2] = [
        (0.0, 0.2, [1, 4, 1, 1, 0, 2, 2, 0], 52.0),
        (0.05, 0.15, [0, 4, 0, 1, 3, 2, 2, 1], 150.8),
    ];
    for (min, max, levels, aecs) in cases {
        let bounds = DeltaBounds::new(min, max).expect("ordered shares");
        let matched = SampleInPopulation::new(
            &generalized(&sample, &levels),
            &generalized(population, &levels),
            &adult_data::BUT_OCCUPATION,
        )
        .expect("the subset is a subset");
        assert!(matched.is_delta_present(bounds), "{min} {max}: {matched:?}");
        let classes = matched.class_sizes().len() as f64;
        assert_eq!(matched.sample_records as f64 / classes, aecs);
        for qi in 0..levels.len() {
            if levels[qi] == 0 {
                continue;
            }
            let mut lower = levels;
            lower[qi] -= 1;
            let below = SampleInPopulation::new(
                &generalized(&sample, &lower),
                &generalized(population, &lower),
                &adult_data::BUT_OCCUPATION,
            )
            .expect("the subset is a subset");
            assert!(
                !below.is_delta_present(bounds) || below.class_sizes().len() as f64 == classes,
                "{min} {max}: {lower:?} satisfies the bounds with a smaller AECS"
            );
        }
    }
}
