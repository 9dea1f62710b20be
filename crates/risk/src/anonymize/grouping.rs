//! The equivalence classes of one lattice node, and the roll-up that computes a node's
//! classes from those of a node below it.
//!
//! Classes are always numbered in the order of their first record, which is the order ARX
//! visits them in (its hash groupify keeps classes in insertion order), so sums over classes
//! repeat ARX's floating-point operations. A roll-up keeps that order: the source's classes
//! are in first-record order, and a merged class first appears with its earliest part.

use hashbrown::hash_table::{Entry, HashTable};

use super::problem::Dimension;

/// Where one QI's label sits in a class key: bits `shift..shift + width` of word `word`.
#[derive(Clone, Copy)]
struct Field {
    word: usize,
    shift: u32,
    mask: u64,
}

/// How class keys pack the QIs' labels: each QI gets the bits its level-0 codes need, so a
/// label at any level fits, and QIs are packed into as many 64-bit words as needed.
pub(super) struct Layout {
    fields: Vec<Field>,
    words: usize,
}

impl Layout {
    /// A layout for QIs with `n_values` level-0 codes each.
    pub(super) fn new(n_values: impl IntoIterator<Item = usize>) -> Self {
        let mut fields = Vec::new();
        let (mut word, mut used) = (0, 0);
        for n in n_values {
            let width = usize::BITS - n.saturating_sub(1).leading_zeros();
            if used + width > u64::BITS {
                word += 1;
                used = 0;
            }
            let mask = if width == 0 {
                0
            } else {
                u64::MAX >> (u64::BITS - width)
            };
            fields.push(Field {
                word,
                shift: used,
                mask,
            });
            used += width;
        }
        Self {
            fields,
            words: word + 1,
        }
    }

    /// Where each QI's label starts in its word.
    pub(super) fn shifts(&self) -> impl Iterator<Item = u32> + '_ {
        self.fields.iter().map(|field| field.shift)
    }

    /// Packs one class's labels, one per QI.
    pub(super) fn pack(&self, labels: impl IntoIterator<Item = u32>, key: &mut Vec<u64>) {
        let start = key.len();
        key.resize(start + self.words, 0);
        for (field, label) in self.fields.iter().zip(labels) {
            key[start + field.word] |= u64::from(label) << field.shift;
        }
    }
}

/// The classes of one node.
pub(super) struct Grouping {
    /// The node: one level per QI.
    pub(super) levels: Vec<usize>,
    /// Records per class.
    pub(super) counts: Vec<u32>,
    /// The classes' labels packed by the problem's [`Layout`], `words` per class.
    pub(super) keys: Vec<u64>,
    /// Sensitive value counts per class, when l-diversity is required.
    pub(super) distributions: Option<Distributions>,
}

/// Each class's sensitive values (ascending codes) with their counts.
pub(super) struct Distributions {
    /// Class `c` is at `offsets[c]..offsets[c + 1]`.
    offsets: Vec<usize>,
    values: Vec<u32>,
    counts: Vec<u32>,
}

impl Distributions {
    /// Run-length encodes each class's sorted sensitive codes.
    pub(super) fn from_sorted<'a>(classes: impl Iterator<Item = &'a [u32]>) -> Self {
        let mut distributions = Self {
            offsets: vec![0],
            values: Vec::new(),
            counts: Vec::new(),
        };
        for sorted in classes {
            for run in sorted.chunk_by(|a, b| a == b) {
                distributions.values.push(run[0]);
                distributions.counts.push(run.len() as u32);
            }
            distributions.offsets.push(distributions.values.len());
        }
        distributions
    }

    /// The value counts of `class`, in ascending order of the values' codes.
    pub(super) fn counts(&self, class: usize) -> &[u32] {
        &self.counts[self.offsets[class]..self.offsets[class + 1]]
    }

    /// The values of `class` (ascending codes) and their counts.
    pub(super) fn class(&self, class: usize) -> (&[u32], &[u32]) {
        let range = self.offsets[class]..self.offsets[class + 1];
        (&self.values[range.clone()], &self.counts[range])
    }

    /// Merges the distributions of the source classes into their target classes.
    fn roll_up(&self, ids: &[u32], n_targets: usize, scratch: &mut Scratch) -> Self {
        let mut starts = vec![0usize; n_targets + 1];
        for &id in ids {
            starts[id as usize + 1] += 1;
        }
        for target in 1..starts.len() {
            starts[target] += starts[target - 1];
        }
        let mut next = starts.clone();
        let mut sources = vec![0u32; ids.len()];
        for (source, &id) in ids.iter().enumerate() {
            sources[next[id as usize]] = source as u32;
            next[id as usize] += 1;
        }
        let mut merged = Self {
            offsets: Vec::with_capacity(n_targets + 1),
            values: Vec::with_capacity(self.values.len()),
            counts: Vec::with_capacity(self.counts.len()),
        };
        merged.offsets.push(0);
        for target in 0..n_targets {
            let parts = &sources[starts[target]..starts[target + 1]];
            if let [only] = parts {
                let range = self.offsets[*only as usize]..self.offsets[*only as usize + 1];
                merged.values.extend_from_slice(&self.values[range.clone()]);
                merged.counts.extend_from_slice(&self.counts[range]);
            } else {
                let tally = &mut scratch.tally;
                let touched = &mut scratch.touched;
                for &part in parts {
                    let range = self.offsets[part as usize]..self.offsets[part as usize + 1];
                    let values = &self.values[range.clone()];
                    for (&value, &count) in values.iter().zip(&self.counts[range]) {
                        let value = value as usize;
                        if value >= tally.len() {
                            tally.resize(value + 1, 0);
                        }
                        if tally[value] == 0 {
                            touched.push(value as u32);
                        }
                        tally[value] += count;
                    }
                }
                touched.sort_unstable();
                for &value in touched.iter() {
                    merged.values.push(value);
                    merged.counts.push(tally[value as usize]);
                    tally[value as usize] = 0;
                }
                touched.clear();
            }
            merged.offsets.push(merged.values.len());
        }
        merged
    }
}

/// Buffers reused across roll-ups.
#[derive(Default)]
pub(super) struct Scratch {
    /// One-word keys with their class numbers.
    one_word: HashTable<(u64, u32)>,
    /// Class numbers, for keys of several words (compared through the new keys).
    several_words: HashTable<u32>,
    tally: Vec<u32>,
    touched: Vec<u32>,
    /// The surplus buffers of the hierarchical earth mover's distance.
    pub(super) emd: [Vec<i128>; 2],
}

/// A fast hash of a packed key: a folded multiply per word, as in foldhash and FxHash.
#[inline]
fn hash(key: &[u64]) -> u64 {
    key.iter().fold(0x243F_6A88_85A3_08D3, |hash: u64, &word| {
        let product = u128::from(hash ^ word) * 0x9E37_79B9_7F4A_7C15;
        (product as u64) ^ ((product >> 64) as u64)
    })
}

/// How a roll-up rewrites a key: the bits kept per word, and for each QI whose level
/// changes its word, place and level map (new labels already shifted into place).
struct Rewrite<'a> {
    keep: Vec<u64>,
    changed: Vec<(usize, u32, u64, &'a [u64])>,
}

impl Rewrite<'_> {
    /// Writes the rewritten `old` key of several words into `new`. Labels are read from
    /// `old`, so the QIs' lookups do not wait on each other (the one-word case in
    /// [`Grouping::roll_up`] does the same inline).
    fn apply(&self, old: &[u64], new: &mut [u64]) {
        for ((new, &old), &keep) in new.iter_mut().zip(old).zip(&self.keep) {
            *new = old & keep;
        }
        for &(word, shift, mask, up) in &self.changed {
            new[word] |= up[((old[word] >> shift) & mask) as usize];
        }
    }
}

impl Grouping {
    /// The number of classes.
    pub(super) fn n_classes(&self) -> usize {
        self.counts.len()
    }

    /// Each class's label of QI `qi`, in class order.
    pub(super) fn labels<'a>(
        &'a self,
        layout: &Layout,
        qi: usize,
    ) -> impl Iterator<Item = u32> + 'a {
        let Field { word, shift, mask } = layout.fields[qi];
        self.keys
            .chunks_exact(layout.words)
            .map(move |key| ((key[word] >> shift) & mask) as u32)
    }

    /// The classes of node `to` (every level at least this node's), without sensitive
    /// values, and the target class of each of this node's classes.
    pub(super) fn roll_up(
        &self,
        dims: &[Dimension],
        layout: &Layout,
        to: &[usize],
        scratch: &mut Scratch,
    ) -> (Self, Vec<u32>) {
        let words = layout.words;
        let mut rewrite = Rewrite {
            keep: vec![u64::MAX; words],
            changed: Vec::new(),
        };
        for (qi, dim) in dims.iter().enumerate() {
            if self.levels[qi] != to[qi] {
                let Field { word, shift, mask } = layout.fields[qi];
                rewrite.keep[word] &= !(mask << shift);
                let up = dim.up(self.levels[qi], to[qi]);
                rewrite.changed.push((word, shift, mask, up));
            }
        }
        let mut ids = Vec::with_capacity(self.n_classes());
        let mut counts: Vec<u32> = Vec::new();
        let mut keys: Vec<u64> = Vec::new();
        if words == 1 {
            let table = &mut scratch.one_word;
            table.clear();
            let keep = rewrite.keep[0];
            for (&old, &count) in self.keys.iter().zip(&self.counts) {
                let mut key = old & keep;
                for &(_, shift, mask, up) in &rewrite.changed {
                    key |= up[((old >> shift) & mask) as usize];
                }
                let found = table.entry(
                    hash(&[key]),
                    |&(other, _)| other == key,
                    |&(other, _)| hash(&[other]),
                );
                let id = match found {
                    Entry::Occupied(entry) => entry.get().1,
                    Entry::Vacant(entry) => {
                        let id = counts.len() as u32;
                        entry.insert((key, id));
                        counts.push(0);
                        keys.push(key);
                        id
                    }
                };
                counts[id as usize] += count;
                ids.push(id);
            }
        } else {
            let table = &mut scratch.several_words;
            table.clear();
            let mut new = vec![0u64; words];
            for (old, &count) in self.keys.chunks_exact(words).zip(&self.counts) {
                rewrite.apply(old, &mut new);
                let key_of = |id: u32| &keys[id as usize * words..(id as usize + 1) * words];
                let found =
                    table.entry(hash(&new), |&id| key_of(id) == new, |&id| hash(key_of(id)));
                let id = match found {
                    Entry::Occupied(entry) => *entry.get(),
                    Entry::Vacant(entry) => {
                        let id = counts.len() as u32;
                        entry.insert(id);
                        counts.push(0);
                        keys.extend_from_slice(&new);
                        id
                    }
                };
                counts[id as usize] += count;
                ids.push(id);
            }
        }
        let grouping = Self {
            levels: to.to_vec(),
            counts,
            keys,
            distributions: None,
        };
        (grouping, ids)
    }

    /// Adds the sensitive value counts of each class, merged from those of `source`, which
    /// this grouping was rolled up from with `targets` as the target class of each of
    /// `source`'s classes. Nothing to add when `source` has none.
    pub(super) fn add_distributions(
        &mut self,
        source: &Self,
        targets: &[u32],
        scratch: &mut Scratch,
    ) {
        self.distributions = source
            .distributions
            .as_ref()
            .map(|distributions| distributions.roll_up(targets, self.n_classes(), scratch));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_pack_into_as_many_words_as_needed() {
        // 2 values: 1 bit; 72: 7 bits; 1: no bit; 2^32: 32 bits.
        let layout = Layout::new([2, 72, 1, 1 << 32, 1 << 32]);
        let places: Vec<(usize, u32, u64)> = layout
            .fields
            .iter()
            .map(|f| (f.word, f.shift, f.mask))
            .collect();
        assert_eq!(
            places,
            [
                (0, 0, 1),
                (0, 1, 127),
                (0, 8, 0),
                (0, 8, u64::from(u32::MAX)),
                (1, 0, u64::from(u32::MAX))
            ]
        );
        let mut key = Vec::new();
        layout.pack([1, 5, 0, 7, 9], &mut key);
        assert_eq!(key, [1 | 5 << 1 | 7 << 8, 9]);
        let grouping = Grouping {
            levels: vec![0; 5],
            counts: vec![1],
            keys: key,
            distributions: None,
        };
        assert_eq!(grouping.labels(&layout, 3).collect::<Vec<_>>(), [7]);
        assert_eq!(grouping.labels(&layout, 4).collect::<Vec<_>>(), [9]);
        assert_ne!(hash(&[1, 2]), hash(&[2, 1]));
        assert_ne!(hash(&[7]), hash(&[7, 0]));
    }

    #[test]
    fn distributions_merge_per_target() {
        let sorted: [&[u32]; 3] = [&[0, 0, 2], &[1], &[2, 2]];
        let distributions = Distributions::from_sorted(sorted.into_iter());
        assert_eq!(distributions.counts(0), [2, 1]);
        let mut scratch = Scratch::default();
        let merged = distributions.roll_up(&[0, 1, 0], 2, &mut scratch);
        assert_eq!(merged.values, [0, 2, 1]);
        assert_eq!(merged.counts(0), [2, 3]);
        assert_eq!(merged.counts(1), [1]);
    }
}
