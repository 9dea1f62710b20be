//! The equivalence classes of one lattice node, and the roll-up that computes a node's
//! classes from those of a node below it.
//!
//! Classes are always numbered in the order of their first record, which is the order ARX
//! visits them in (its hash groupify keeps classes in insertion order), so sums over classes
//! repeat ARX's floating-point operations. A roll-up keeps that order: the source's classes
//! are in first-record order, and a merged class first appears with its earliest part.

use hashbrown::hash_table::{Entry, HashTable};
use rayon::prelude::*;

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

/// Roll-ups of at least this many classes run on two threads.
const PARALLEL_MIN: usize = 4096;

/// Buffers reused across roll-ups.
#[derive(Default)]
pub(super) struct Scratch {
    keys: Vec<u64>,
    tables: [Tables; 2],
    tally: Vec<u32>,
    touched: Vec<u32>,
}

/// A fast hash of a packed key of `W` words (any number when `W` is 0): a folded
/// multiply, as in foldhash and FxHash.
fn hash<const W: usize>(key: &[u64]) -> u64 {
    let words = if W == 0 { key.len() } else { W };
    (0..words).fold(0x243F_6A88_85A3_08D3, |hash: u64, word| {
        let product = u128::from(hash ^ key[word]) * 0x9E37_79B9_7F4A_7C15;
        (product as u64) ^ ((product >> 64) as u64)
    })
}

/// Whether two packed keys of `W` words (any number when `W` is 0) are equal.
fn same<const W: usize>(a: &[u64], b: &[u64]) -> bool {
    if W == 0 {
        a == b
    } else {
        (0..W).all(|word| a[word] == b[word])
    }
}

/// Numbers the distinct keys of `words` words each in order of first occurrence; returns
/// each key's number and the first position of each number. Many keys are split in two
/// halves numbered on two threads, the second half's new keys then numbered after the
/// first half's, which gives the same numbers.
fn number_keys(keys: &[u64], words: usize, tables: &mut [Tables; 2]) -> (Vec<u32>, Vec<u32>) {
    let n = keys.len() / words;
    if n < PARALLEL_MIN || rayon::current_num_threads() < 2 {
        return tables[0].number(keys, words);
    }
    let (first, second) = keys.split_at(n / 2 * words);
    let [left, right] = tables;
    let ((mut ids, mut firsts), (second_ids, second_firsts)) =
        rayon::join(|| left.number(first, words), || right.number(second, words));
    let offset = (n / 2) as u32;
    let renumbered: Vec<u32> = second_firsts
        .iter()
        .map(|&position| {
            let start = position as usize * words;
            let key = &second[start..start + words];
            left.find(first, &firsts, words, key).unwrap_or_else(|| {
                firsts.push(position + offset);
                (firsts.len() - 1) as u32
            })
        })
        .collect();
    ids.extend(second_ids.iter().map(|&id| renumbered[id as usize]));
    (ids, firsts)
}

/// The hash tables of one thread of [`number_keys`].
#[derive(Default)]
pub(super) struct Tables {
    one_word: HashTable<(u64, u32)>,
    indirect: HashTable<u32>,
}

impl Tables {
    /// Numbers the distinct keys of `keys` in order of first occurrence.
    fn number(&mut self, keys: &[u64], words: usize) -> (Vec<u32>, Vec<u32>) {
        match words {
            1 => number_words(keys, &mut self.one_word),
            2 => number::<2>(keys, 2, &mut self.indirect),
            _ => number::<0>(keys, words, &mut self.indirect),
        }
    }

    /// The number of `key` after [`Tables::number`] numbered `keys` with first positions
    /// `firsts`, if it occurred.
    fn find(&self, keys: &[u64], firsts: &[u32], words: usize, key: &[u64]) -> Option<u32> {
        if words == 1 {
            let found = self
                .one_word
                .find(hash::<1>(key), |&(other, _)| other == key[0]);
            found.map(|&(_, id)| id)
        } else {
            let found = self.indirect.find(hash::<0>(key), |&id| {
                let start = firsts[id as usize] as usize * words;
                &keys[start..start + words] == key
            });
            found.copied()
        }
    }
}

/// [`number_keys`] for one-word keys, kept in the table itself.
fn number_words(keys: &[u64], table: &mut HashTable<(u64, u32)>) -> (Vec<u32>, Vec<u32>) {
    table.clear();
    let mut firsts: Vec<u32> = Vec::new();
    let ids = keys
        .iter()
        .enumerate()
        .map(|(position, &key)| {
            let found = table.entry(
                hash::<1>(&[key]),
                |&(other, _)| other == key,
                |&(other, _)| hash::<1>(&[other]),
            );
            match found {
                Entry::Occupied(entry) => entry.get().1,
                Entry::Vacant(entry) => {
                    let id = firsts.len() as u32;
                    firsts.push(position as u32);
                    entry.insert((key, id));
                    id
                }
            }
        })
        .collect();
    (ids, firsts)
}

/// [`number_keys`] for keys of `W` words, or of `words` words when `W` is 0; the table
/// holds class numbers and finds their keys through their first position.
fn number<const W: usize>(
    keys: &[u64],
    words: usize,
    table: &mut HashTable<u32>,
) -> (Vec<u32>, Vec<u32>) {
    table.clear();
    let key = |position: usize| &keys[position * words..(position + 1) * words];
    let mut firsts: Vec<u32> = Vec::new();
    let ids = (0..keys.len() / words)
        .map(|position| {
            let this = key(position);
            let found = table.entry(
                hash::<W>(this),
                |&id| same::<W>(key(firsts[id as usize] as usize), this),
                |&id| hash::<W>(key(firsts[id as usize] as usize)),
            );
            match found {
                Entry::Occupied(entry) => *entry.get(),
                Entry::Vacant(entry) => {
                    let id = firsts.len() as u32;
                    firsts.push(position as u32);
                    entry.insert(id);
                    id
                }
            }
        })
        .collect();
    (ids, firsts)
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

    /// The classes of node `to` (every level at least this node's), and the target class of
    /// each of this node's classes.
    pub(super) fn roll_up(
        &self,
        dims: &[Dimension],
        layout: &Layout,
        to: &[usize],
        scratch: &mut Scratch,
    ) -> (Self, Vec<u32>) {
        let words = layout.words;
        let mut keys = std::mem::take(&mut scratch.keys);
        keys.clear();
        keys.extend_from_slice(&self.keys);
        // Each changed QI's label is replaced through its level map, which holds the new
        // labels already shifted into place; labels are read from the unchanged key, so the
        // QIs' lookups do not wait on each other.
        let mut keep = vec![u64::MAX; words];
        let mut changed = Vec::new();
        for (qi, dim) in dims.iter().enumerate() {
            if self.levels[qi] != to[qi] {
                let Field { word, shift, mask } = layout.fields[qi];
                keep[word] &= !(mask << shift);
                changed.push((word, shift, mask, dim.up(self.levels[qi], to[qi])));
            }
        }
        if words == 1 {
            let keep = keep[0];
            keys.par_iter_mut()
                .with_min_len(PARALLEL_MIN)
                .for_each(|key| {
                    let old = *key;
                    let mut new = old & keep;
                    for &(_, shift, mask, up) in &changed {
                        new |= up[((old >> shift) & mask) as usize];
                    }
                    *key = new;
                });
        } else {
            for key in keys.chunks_exact_mut(words) {
                let old = key.to_vec();
                for (word, &keep) in key.iter_mut().zip(&keep) {
                    *word &= keep;
                }
                for &(word, shift, mask, up) in &changed {
                    key[word] |= up[((old[word] >> shift) & mask) as usize];
                }
            }
        }
        let (ids, firsts) = number_keys(&keys, words, &mut scratch.tables);
        let mut counts = vec![0u32; firsts.len()];
        for (&id, &count) in ids.iter().zip(&self.counts) {
            counts[id as usize] += count;
        }
        let mut new_keys = Vec::with_capacity(firsts.len() * words);
        for &first in &firsts {
            let first = first as usize * words;
            new_keys.extend_from_slice(&keys[first..first + words]);
        }
        scratch.keys = keys;
        let distributions = self
            .distributions
            .as_ref()
            .map(|distributions| distributions.roll_up(&ids, firsts.len(), scratch));
        let grouping = Self {
            levels: to.to_vec(),
            counts,
            keys: new_keys,
            distributions,
        };
        (grouping, ids)
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
        assert_ne!(hash::<2>(&[1, 2]), hash::<0>(&[2, 1]));
        assert_eq!(hash::<2>(&[1, 2]), hash::<0>(&[1, 2]));
        let keys = [7, 0, 3, 0, 7, 0, 3, 1];
        for words in [1, 2] {
            let (ids, firsts) = Tables::default().number(&keys, words);
            let expected = if words == 1 {
                (vec![0, 1, 2, 1, 0, 1, 2, 3], vec![0, 1, 2, 7])
            } else {
                (vec![0, 1, 0, 2], vec![0, 1, 3])
            };
            assert_eq!((ids, firsts), expected);
        }
        let (ids, _) = Tables::default().number(&[1, 2, 3, 1, 2, 3, 1, 2, 4], 3);
        assert_eq!(ids, [0, 0, 1]);
        // Halves numbered on two threads give the numbers of one pass, for 1, 2 and 3 words.
        for words in [1, 2, 3] {
            let keys: Vec<u64> = (0..3 * PARALLEL_MIN as u64 * words as u64)
                .map(|i| (i / words as u64 * 7919 % 1000) << (i % words as u64))
                .collect();
            let parallel = number_keys(&keys, words, &mut Default::default());
            assert_eq!(parallel, Tables::default().number(&keys, words));
            assert!(parallel.1.len() > 500);
        }
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
