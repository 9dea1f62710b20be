//! The generalization lattice: every combination of one level per QI, numbered in mixed
//! radix (the first QI most significant, so numbers follow the lexicographic order of the
//! levels), with tags that spread to every generalization or specialization of a node.

/// The most nodes a search handles: its per-node state takes about 30 bytes each.
pub(super) const MAX_NODES: usize = 1 << 21;

/// Per-node tags.
pub(super) mod tag {
    /// Satisfies the privacy models.
    pub(in crate::anonymize) const ANONYMOUS: u8 = 1;
    /// Does not satisfy the privacy models.
    pub(in crate::anonymize) const NOT_ANONYMOUS: u8 = 2;
    /// Grouped and evaluated.
    pub(in crate::anonymize) const CHECKED: u8 = 4;
}

/// The lattice of a search.
pub(super) struct Lattice {
    max_levels: Vec<usize>,
    strides: Vec<usize>,
    /// Per node, bit `qi` set when QI `qi` is below its top level.
    can_rise: Vec<u32>,
    /// Per node, bit `qi` set when QI `qi` is above level 0.
    can_fall: Vec<u32>,
    heights: Vec<u16>,
    /// Per-node tags, see [`tag`].
    pub(super) tags: Vec<u8>,
    stack: Vec<usize>,
}

impl Lattice {
    /// The lattice of QIs whose hierarchies go up to `max_levels`; at most [`MAX_NODES`]
    /// nodes (so at most 21 QIs), which the caller checks.
    pub(super) fn new(max_levels: Vec<usize>) -> Self {
        let n_qis = max_levels.len();
        let mut strides = vec![1; n_qis];
        for qi in (0..n_qis.saturating_sub(1)).rev() {
            strides[qi] = strides[qi + 1] * (max_levels[qi + 1] + 1);
        }
        let n_nodes = max_levels.first().map_or(1, |&max| strides[0] * (max + 1));
        let mut can_rise = Vec::with_capacity(n_nodes);
        let mut can_fall = Vec::with_capacity(n_nodes);
        let mut heights = Vec::with_capacity(n_nodes);
        let mut levels = vec![0; n_qis];
        for _ in 0..n_nodes {
            let (mut rise, mut fall) = (0, 0);
            for (qi, (&level, &max)) in levels.iter().zip(&max_levels).enumerate() {
                rise |= u32::from(level < max) << qi;
                fall |= u32::from(level > 0) << qi;
            }
            can_rise.push(rise);
            can_fall.push(fall);
            heights.push(levels.iter().sum::<usize>() as u16);
            // Count up in mixed radix, the last QI fastest.
            for qi in (0..n_qis).rev() {
                if levels[qi] < max_levels[qi] {
                    levels[qi] += 1;
                    break;
                }
                levels[qi] = 0;
            }
        }
        Self {
            max_levels,
            strides,
            can_rise,
            can_fall,
            heights,
            tags: vec![0; n_nodes],
            stack: Vec::new(),
        }
    }

    /// The number of nodes.
    pub(super) fn n_nodes(&self) -> usize {
        self.tags.len()
    }

    /// The number of QIs.
    pub(super) fn n_qis(&self) -> usize {
        self.max_levels.len()
    }

    /// The level of QI `qi` in `node`.
    pub(super) fn level(&self, node: usize, qi: usize) -> usize {
        (node / self.strides[qi]) % (self.max_levels[qi] + 1)
    }

    /// The levels of `node`.
    pub(super) fn levels(&self, node: usize) -> Vec<usize> {
        (0..self.n_qis()).map(|qi| self.level(node, qi)).collect()
    }

    /// The sum of `node`'s levels: its height in the lattice.
    pub(super) fn height(&self, node: usize) -> usize {
        usize::from(self.heights[node])
    }

    /// `node` with QI `qi` one level higher, if it is not at the top already.
    pub(super) fn successor(&self, node: usize, qi: usize) -> Option<usize> {
        (self.can_rise[node] >> qi & 1 == 1).then(|| node + self.strides[qi])
    }

    /// The nodes one level lower in one QI.
    pub(super) fn predecessors(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        let fall = self.can_fall[node];
        (0..self.n_qis())
            .filter(move |&qi| fall >> qi & 1 == 1)
            .map(move |qi| node - self.strides[qi])
    }

    /// Sets `bit` on `node` and every generalization of it. Relies on the invariant that
    /// a node with `bit` set has it on all its generalizations too.
    pub(super) fn tag_up(&mut self, node: usize, bit: u8) {
        self.spread(node, bit, true);
    }

    /// Sets `bit` on `node` and every specialization of it, with the mirrored invariant.
    pub(super) fn tag_down(&mut self, node: usize, bit: u8) {
        self.spread(node, bit, false);
    }

    fn spread(&mut self, node: usize, bit: u8, up: bool) {
        let mut stack = std::mem::take(&mut self.stack);
        stack.push(node);
        while let Some(node) = stack.pop() {
            if self.tags[node] & bit != 0 {
                continue;
            }
            self.tags[node] |= bit;
            let mut moves = if up {
                self.can_rise[node]
            } else {
                self.can_fall[node]
            };
            while moves != 0 {
                let qi = moves.trailing_zeros() as usize;
                moves &= moves - 1;
                stack.push(if up {
                    node + self.strides[qi]
                } else {
                    node - self.strides[qi]
                });
            }
        }
        self.stack = stack;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_and_tags() {
        // Two QIs with levels 0..=2 and 0..=1: six nodes, (a, b) numbered 2a + b.
        let mut lattice = Lattice::new(vec![2, 1]);
        assert_eq!(lattice.n_nodes(), 6);
        assert_eq!(lattice.levels(5), [2, 1]);
        assert_eq!(lattice.height(3), 2);
        assert_eq!(lattice.successor(3, 0), Some(5));
        assert_eq!(lattice.successor(3, 1), None);
        assert_eq!(lattice.predecessors(3).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(lattice.predecessors(0).count(), 0);
        lattice.tag_up(2, tag::ANONYMOUS);
        let anonymous: Vec<usize> = (0..6)
            .filter(|&n| lattice.tags[n] & tag::ANONYMOUS != 0)
            .collect();
        assert_eq!(anonymous, [2, 3, 4, 5]);
        lattice.tag_down(3, tag::NOT_ANONYMOUS);
        let not: Vec<usize> = (0..6)
            .filter(|&n| lattice.tags[n] & tag::NOT_ANONYMOUS != 0)
            .collect();
        assert_eq!(not, [0, 1, 2, 3]);
        assert_eq!(Lattice::new(Vec::new()).n_nodes(), 1);
    }
}
