//! The naive reference: every node of the lattice evaluated from the table's strings, rows
//! grouped in `BTreeMap`s, and the utility metrics computed from ARX's definitions. Sums run
//! in ARX's order (classes by first row, values by first occurrence), so values compare
//! with `==`.

use std::collections::BTreeMap;

use risk::anonymize::{LDiversity, UtilityMetric};
use risk::Hierarchy;
use table::Table;

/// What the reference evaluates: as `AnonymizeQuery`, with the hierarchies in QI order.
pub(crate) struct RefQuery<'a> {
    pub(crate) qi: Vec<&'a str>,
    pub(crate) hierarchies: Vec<&'a Hierarchy>,
    pub(crate) k: usize,
    pub(crate) sensitive: Option<&'a str>,
    pub(crate) l: Option<LDiversity>,
    /// t-closeness: t, and the sensitive hierarchy's rows for the hierarchical distance.
    pub(crate) t: Option<(f64, Option<&'a [Vec<String>]>)>,
    pub(crate) max_suppression: f64,
    pub(crate) metric: UtilityMetric,
}

/// One node, evaluated.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RefNode {
    pub(crate) levels: Vec<usize>,
    pub(crate) anonymous: bool,
    pub(crate) suppressed: usize,
    pub(crate) loss: f64,
    pub(crate) loss_per_qi: Vec<f64>,
    pub(crate) discernibility: f64,
    pub(crate) average_class_size: f64,
    pub(crate) entropy: f64,
    pub(crate) entropy_per_qi: Vec<f64>,
    /// Per row, its generalized QI labels, `*` when suppressed.
    pub(crate) output: Vec<Vec<String>>,
    pub(crate) suppressed_rows: Vec<bool>,
}

impl RefNode {
    fn value(&self, metric: UtilityMetric) -> f64 {
        match metric {
            UtilityMetric::Loss => self.loss,
            UtilityMetric::Discernibility => self.discernibility,
            UtilityMetric::AverageClassSize => self.average_class_size,
            UtilityMetric::NonUniformEntropy => self.entropy,
        }
    }
}

fn column(table: &Table, name: &str) -> Vec<String> {
    let idx = table
        .column_names()
        .iter()
        .position(|&column| column == name)
        .unwrap_or_else(|| panic!("test table lacks column {name}"));
    (0..table.n_rows())
        .map(|row| table.row(row).unwrap_or_default()[idx].to_owned())
        .collect()
}

/// The distinct items of `items`, in order of first occurrence.
fn first_order(items: &[String]) -> Vec<String> {
    let mut seen = Vec::new();
    for item in items {
        if !seen.contains(item) {
            seen.push(item.clone());
        }
    }
    seen
}

/// ARX's `EqualDistanceTCloseness` distance of a class from the whole table: `dist` the
/// class's value counts, `order` the values in first-occurrence order, `global` their counts
/// in the table of `n` rows.
fn equal_distance(
    dist: &BTreeMap<String, usize>,
    order: &[String],
    global: &BTreeMap<String, usize>,
    n: usize,
) -> f64 {
    let size = dist.values().sum::<usize>() as f64;
    let mut value = 1.0;
    for v in order {
        if let Some(&c) = dist.get(v) {
            let share = global[v] as f64 / n as f64;
            value += (share - c as f64 / size).abs() - share;
        }
    }
    value / 2.0
}

/// ARX's `HierarchicalDistanceTCloseness` distance of a class, written out over labels:
/// leaves are the table's values in first-occurrence order, then the hierarchy's other rows;
/// a node is a label at a level, its children the labels one level below in its rows, and
/// nodes cost `level / height · min(pos, neg)` level by level in the order of their first
/// leaf.
fn hierarchical_distance(
    dist: &BTreeMap<String, usize>,
    order: &[String],
    global: &BTreeMap<String, usize>,
    n: usize,
    rows: &[Vec<String>],
) -> f64 {
    let mut leaves: Vec<&Vec<String>> = order
        .iter()
        .map(|v| {
            rows.iter()
                .find(|row| row[0] == *v)
                .expect("a row per value")
        })
        .collect();
    leaves.extend(rows.iter().filter(|row| !order.contains(&row[0])));
    let size = dist.values().sum::<usize>() as i128;
    let height = rows[0].len() - 1;
    // The surplus of each label at the level below, starting with the leaves.
    let mut below: BTreeMap<&str, i128> = leaves
        .iter()
        .map(|row| {
            let g = global.get(&row[0]).copied().unwrap_or(0) as i128;
            let c = dist.get(&row[0]).copied().unwrap_or(0) as i128;
            (row[0].as_str(), g * size - c * n as i128)
        })
        .collect();
    let mut cost = 0.0;
    for level in 1..=height {
        let mut nodes: Vec<&str> = Vec::new();
        for row in &leaves {
            if !nodes.contains(&row[level].as_str()) {
                nodes.push(&row[level]);
            }
        }
        let mut above = BTreeMap::new();
        for node in nodes {
            let mut children: Vec<&str> = leaves
                .iter()
                .filter(|row| row[level] == node)
                .map(|row| row[level - 1].as_str())
                .collect();
            children.sort_unstable();
            children.dedup();
            let (mut pos, mut neg) = (0i128, 0i128);
            for child in children {
                let surplus = below[child];
                if surplus > 0 {
                    pos += surplus;
                } else {
                    neg -= surplus;
                }
            }
            cost += level as f64 / height as f64 * pos.min(neg) as f64;
            above.insert(node, pos - neg);
        }
        below = above;
    }
    cost / (n as f64 * size as f64)
}

fn round(value: f64) -> f64 {
    (value * 1e10).floor() / 1e10
}

fn log2(value: f64) -> f64 {
    value.ln() / std::f64::consts::LN_2
}

/// Evaluates the node `levels`.
pub(crate) fn evaluate(table: &Table, query: &RefQuery<'_>, levels: &[usize]) -> RefNode {
    let n = table.n_rows();
    let tuples = n as f64;
    let values: Vec<Vec<String>> = query.qi.iter().map(|name| column(table, name)).collect();
    let maps: Vec<BTreeMap<String, Vec<String>>> = query
        .hierarchies
        .iter()
        .map(|h| {
            h.rows()
                .iter()
                .map(|row| (row[0].clone(), row.clone()))
                .collect()
        })
        .collect();
    let labels: Vec<Vec<String>> = (0..query.qi.len())
        .map(|qi| {
            values[qi]
                .iter()
                .map(|value| maps[qi][value][levels[qi]].clone())
                .collect()
        })
        .collect();
    let sensitive = query.sensitive.map(|name| column(table, name));
    let sensitive_order = sensitive.as_deref().map(first_order).unwrap_or_default();
    let mut global: BTreeMap<String, usize> = BTreeMap::new();
    for value in sensitive.iter().flatten() {
        *global.entry(value.clone()).or_default() += 1;
    }
    // Classes in order of their first row.
    let mut index: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    let mut classes: Vec<(Vec<String>, usize, BTreeMap<String, usize>)> = Vec::new();
    let mut class_of_row = Vec::with_capacity(n);
    for row in 0..n {
        let key: Vec<String> = labels.iter().map(|l| l[row].clone()).collect();
        let class = *index.entry(key.clone()).or_insert_with(|| {
            classes.push((key, 0, BTreeMap::new()));
            classes.len() - 1
        });
        classes[class].1 += 1;
        if let Some(sensitive) = &sensitive {
            *classes[class].2.entry(sensitive[row].clone()).or_default() += 1;
        }
        class_of_row.push(class);
    }
    let fails: Vec<bool> = classes
        .iter()
        .map(|(_, count, dist)| {
            let l_fails = match query.l {
                None => false,
                Some(LDiversity::Distinct(l)) => dist.len() < l,
                Some(LDiversity::Entropy(l)) => {
                    let total = *count as f64;
                    let mut sum = 0.0;
                    for value in &sensitive_order {
                        if let Some(&c) = dist.get(value) {
                            sum += c as f64 * (c as f64).ln();
                        }
                    }
                    dist.len() < l.ceil() as usize || sum > total * (total.ln() - l.ln())
                }
            };
            let t_fails = match query.t {
                None => false,
                Some((t, None)) => equal_distance(dist, &sensitive_order, &global, n) > t,
                Some((t, Some(rows))) => {
                    hierarchical_distance(dist, &sensitive_order, &global, n, rows) > t
                }
            };
            *count < query.k || l_fails || t_fails
        })
        .collect();
    let suppressed: usize = classes
        .iter()
        .zip(&fails)
        .filter(|(_, &f)| f)
        .map(|(c, _)| c.1)
        .sum();
    let max_suppressed = (query.max_suppression * tuples).floor() as usize;
    let mut loss_per_qi = Vec::new();
    let mut entropy_per_qi = Vec::new();
    for qi in 0..query.qi.len() {
        let rows = query.hierarchies[qi].rows();
        let size = rows.len() as f64;
        let share =
            |label: &str| rows.iter().filter(|r| r[levels[qi]] == label).count() as f64 / size;
        let mut aggregate = 0.0;
        for ((key, count, _), &f) in classes.iter().zip(&fails) {
            let count = *count as f64;
            aggregate += if f { count } else { count * share(&key[qi]) };
        }
        let min = tuples / size;
        let r = (aggregate - min) / (tuples - min);
        loss_per_qi.push(round(if r >= 0.0 { r } else { 0.0 }));
        let mut entropy = 0.0;
        for value in first_order(&values[qi]) {
            let a = values[qi].iter().filter(|v| **v == value).count() as f64;
            let label = &maps[qi][&value][levels[qi]];
            let b = labels[qi].iter().filter(|l| *l == label).count() as f64;
            entropy += a * log2(a / b);
        }
        if suppressed > 0 {
            let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
            for row in 0..n {
                if fails[class_of_row[row]] {
                    *tally.entry(&labels[qi][row]).or_default() += 1;
                }
            }
            for label in first_order(&labels[qi]) {
                if let Some(&count) = tally.get(label.as_str()) {
                    let count = count as f64;
                    entropy += count * log2(count / suppressed as f64);
                }
            }
        }
        entropy_per_qi.push(round(if entropy == 0.0 { entropy } else { -entropy }));
    }
    let m = loss_per_qi.len() as f64;
    let loss = loss_per_qi
        .iter()
        .fold(1.0, |p, &v| p * (v + 1.0).powf(1.0 / m))
        - 1.0;
    let entropy = entropy_per_qi.iter().fold(0.0, |s, &v| s + v);
    let mut discernibility = 0.0;
    for ((_, count, _), &f) in classes.iter().zip(&fails) {
        let count = *count as f64;
        discernibility += if f { tuples * count } else { count * count };
    }
    let kept = fails.iter().filter(|&&f| !f).count() as f64;
    let average_class_size = tuples / (kept + if suppressed > 0 { 1.0 } else { 0.0 });
    let suppressed_rows: Vec<bool> = class_of_row.iter().map(|&c| fails[c]).collect();
    let output = (0..n)
        .map(|row| {
            (0..query.qi.len())
                .map(|qi| {
                    if suppressed_rows[row] {
                        "*".to_owned()
                    } else {
                        labels[qi][row].clone()
                    }
                })
                .collect()
        })
        .collect();
    RefNode {
        levels: levels.to_vec(),
        anonymous: suppressed <= max_suppressed,
        suppressed,
        loss,
        loss_per_qi,
        discernibility,
        average_class_size,
        entropy,
        entropy_per_qi,
        output,
        suppressed_rows,
    }
}

/// The optimal node: least metric value, then least height, then first in lexicographic
/// order of the levels; `None` when no node satisfies the models.
pub(crate) fn optimum(table: &Table, query: &RefQuery<'_>) -> Option<RefNode> {
    let maxes: Vec<usize> = query.hierarchies.iter().map(|h| h.max_level()).collect();
    let mut levels = vec![0; maxes.len()];
    let mut best: Option<RefNode> = None;
    loop {
        let node = evaluate(table, query, &levels);
        if node.anonymous {
            let height = |n: &RefNode| n.levels.iter().sum::<usize>();
            let better = best.as_ref().map_or(true, |b| {
                node.value(query.metric)
                    .total_cmp(&b.value(query.metric))
                    .then(height(&node).cmp(&height(b)))
                    .is_lt()
            });
            if better {
                best = Some(node);
            }
        }
        // Next combination in lexicographic order, the last QI fastest.
        let Some(qi) = (0..maxes.len()).rev().find(|&qi| levels[qi] < maxes[qi]) else {
            return best;
        };
        levels[qi] += 1;
        for later in &mut levels[qi + 1..] {
            *later = 0;
        }
    }
}
