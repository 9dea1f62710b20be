//! Values bucketed by group in one flat array (offsets plus values), each bucket sorted:
//! a person's QI tuples, a class's sensitive values.

/// Sorted buckets of `u32` values, one bucket per group `0..n_buckets`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Buckets {
    /// Bucket `g` is `values[offsets[g]..offsets[g + 1]]`.
    offsets: Vec<usize>,
    values: Vec<u32>,
}

impl Buckets {
    /// Buckets each `(group, value)` pair that `pairs` yields under its group, every group
    /// below `n_buckets`. `pairs` is called twice and must yield the same pairs both times.
    pub(crate) fn sorted<I>(n_buckets: usize, pairs: impl Fn() -> I) -> Self
    where
        I: Iterator<Item = (u32, u32)>,
    {
        let mut offsets = vec![0usize; n_buckets + 1];
        for (group, _) in pairs() {
            offsets[group as usize + 1] += 1;
        }
        for bucket in 1..offsets.len() {
            offsets[bucket] += offsets[bucket - 1];
        }
        let mut next = offsets.clone();
        let mut values = vec![0u32; offsets[n_buckets]];
        for (group, value) in pairs() {
            let slot = &mut next[group as usize];
            values[*slot] = value;
            *slot += 1;
        }
        for bucket in offsets.windows(2) {
            values[bucket[0]..bucket[1]].sort_unstable();
        }
        Self { offsets, values }
    }

    /// Removes repeated values within each bucket.
    pub(crate) fn dedup(&mut self) {
        let mut write = 0;
        let mut start = 0;
        for bucket in 1..self.offsets.len() {
            let end = self.offsets[bucket];
            let mut previous = None;
            for read in start..end {
                let value = self.values[read];
                if previous != Some(value) {
                    self.values[write] = value;
                    write += 1;
                    previous = Some(value);
                }
            }
            start = end;
            self.offsets[bucket] = write;
        }
        self.values.truncate(write);
    }

    /// The number of buckets.
    pub(crate) fn n_buckets(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The sorted values of bucket `group`.
    pub(crate) fn bucket(&self, group: usize) -> &[u32] {
        &self.values[self.offsets[group]..self.offsets[group + 1]]
    }

    /// Every bucket, in group order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[u32]> + '_ {
        (0..self.n_buckets()).map(|group| self.bucket(group))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_sort_and_dedup() {
        let pairs = [(2, 5), (0, 3), (2, 1), (0, 3), (2, 5), (0, 1)];
        let mut buckets = Buckets::sorted(4, || pairs.iter().copied());
        assert_eq!(buckets.n_buckets(), 4);
        assert_eq!(buckets.bucket(0), [1, 3, 3]);
        assert_eq!(buckets.bucket(1), [] as [u32; 0]);
        assert_eq!(buckets.bucket(2), [1, 5, 5]);
        buckets.dedup();
        let all: Vec<&[u32]> = buckets.iter().collect();
        assert_eq!(all, [&[1, 3][..], &[], &[1, 5], &[]]);
    }
}
