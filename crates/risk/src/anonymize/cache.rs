//! Groupings of checked nodes kept as roll-up sources, within a budget of classes.

use super::grouping::Grouping;

/// The cache of one search; the least recently used grouping goes first.
pub(super) struct Cache {
    entries: Vec<(Grouping, u64)>,
    classes: usize,
    budget: usize,
    clock: u64,
}

impl Cache {
    /// An empty cache for at most `budget` classes in all.
    pub(super) fn new(budget: usize) -> Self {
        Self {
            entries: Vec::new(),
            classes: 0,
            budget,
            clock: 0,
        }
    }

    /// The cached grouping with the fewest classes among those of nodes at or below
    /// `levels`.
    pub(super) fn source(&mut self, levels: &[usize]) -> Option<&Grouping> {
        let (idx, _) = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, (grouping, _))| grouping.levels.iter().zip(levels).all(|(a, b)| a <= b))
            .min_by_key(|(_, (grouping, _))| grouping.n_classes())?;
        self.clock += 1;
        self.entries[idx].1 = self.clock;
        Some(&self.entries[idx].0)
    }

    /// Keeps `grouping`, evicting the least recently used groupings beyond the budget.
    pub(super) fn insert(&mut self, grouping: Grouping) {
        let n_classes = grouping.n_classes();
        if n_classes > self.budget / 2 {
            return;
        }
        self.clock += 1;
        self.entries.push((grouping, self.clock));
        self.classes += n_classes;
        while self.classes > self.budget {
            let Some((idx, _)) = self
                .entries
                .iter()
                .enumerate()
                .min_by_key(|(_, (_, used))| *used)
            else {
                break;
            };
            self.classes -= self.entries.swap_remove(idx).0.n_classes();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grouping(levels: &[usize], n_classes: usize) -> Grouping {
        Grouping {
            levels: levels.to_vec(),
            counts: vec![1; n_classes],
            keys: vec![0; n_classes],
            distributions: None,
        }
    }

    #[test]
    fn picks_the_smallest_source_below_and_evicts_the_oldest() {
        let mut cache = Cache::new(8);
        cache.insert(grouping(&[0, 1], 4));
        cache.insert(grouping(&[1, 0], 3));
        cache.insert(grouping(&[1, 1], 6));
        assert_eq!(cache.source(&[1, 1]).map(Grouping::n_classes), Some(3));
        assert_eq!(cache.source(&[0, 2]).map(Grouping::n_classes), Some(4));
        assert!(cache.source(&[0, 0]).is_none());
        // Over budget: [0, 1] was used last, so [1, 0] went first.
        cache.insert(grouping(&[2, 2], 2));
        assert_eq!(cache.source(&[2, 2]).map(Grouping::n_classes), Some(2));
        assert_eq!(cache.source(&[2, 0]).map(Grouping::n_classes), None);
    }
}
