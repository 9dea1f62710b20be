//! Dense group numbers for rows: quasi-identifier codes packed into `u64` keys, distinct keys
//! numbered in order of first occurrence, hashed in parallel chunks on large tables.

use hashbrown::HashMap;
use rayon::prelude::*;

/// Rows per chunk below which a chunk is not split further: splitting smaller tables costs
/// more in merging than it gains.
const MIN_CHUNK_ROWS: usize = 1 << 16;

/// Every item's group, numbered 0, 1, 2, … in order of the group's first item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Groups {
    /// The group of each item.
    pub(crate) ids: Vec<u32>,
    /// The number of groups.
    pub(crate) n_groups: usize,
}

impl Groups {
    /// The first item of each group, in group order.
    pub(crate) fn first_items(&self) -> Vec<u32> {
        let mut first_items = Vec::with_capacity(self.n_groups);
        for (item, &id) in (0u32..).zip(&self.ids) {
            // Groups are numbered in order of first occurrence, so a new group has the next id.
            if id as usize == first_items.len() {
                first_items.push(item);
            }
        }
        first_items
    }

    /// The number of items in each group.
    pub(crate) fn sizes(&self) -> Vec<u32> {
        let mut sizes = vec![0u32; self.n_groups];
        for &id in &self.ids {
            sizes[id as usize] += 1;
        }
        sizes
    }
}

/// Bits needed to store the codes `0..n_values`.
fn bit_width(n_values: usize) -> u32 {
    if n_values <= 1 {
        0
    } else {
        usize::BITS - (n_values - 1).leading_zeros()
    }
}

/// Groups `n_rows` rows by their codes in `columns`, each given with its dictionary size.
///
/// Codes are packed side by side into one `u64` per row; when the next column does not fit,
/// the keys so far are replaced by their dense group numbers, which need fewer bits. So any
/// number of columns is grouped with `u64` keys only. Every code must be below its
/// column's dictionary size.
pub(crate) fn group_rows(columns: &[(&[u32], usize)], n_rows: usize) -> Groups {
    let mut keys = vec![0u64; n_rows];
    let mut used_bits = 0;
    for &(codes, n_values) in columns {
        let bits = bit_width(n_values);
        if bits == 0 {
            continue;
        }
        if used_bits + bits > u64::BITS {
            let groups = densify(&keys);
            keys.par_iter_mut()
                .with_min_len(MIN_CHUNK_ROWS)
                .zip(groups.ids.par_iter())
                .for_each(|(key, &id)| *key = u64::from(id));
            used_bits = bit_width(groups.n_groups);
        }
        keys.par_iter_mut()
            .with_min_len(MIN_CHUNK_ROWS)
            .zip(codes.par_iter())
            .for_each(|(key, &code)| *key = (*key << bits) | u64::from(code));
        used_bits += bits;
    }
    densify(&keys)
}

/// Groups items by their codes `0..n_values` without hashing: one slot per possible code.
pub(crate) fn group_codes(codes: &[u32], n_values: usize) -> Groups {
    let mut id_of_code = vec![u32::MAX; n_values];
    let mut n_groups = 0u32;
    let ids = codes
        .iter()
        .map(|&code| {
            let slot = &mut id_of_code[code as usize];
            if *slot == u32::MAX {
                *slot = n_groups;
                n_groups += 1;
            }
            *slot
        })
        .collect();
    Groups {
        ids,
        n_groups: n_groups as usize,
    }
}

/// Numbers the distinct keys in order of first occurrence.
///
/// Each chunk of rows is numbered on its own thread; the chunks' distinct keys are then
/// merged in chunk order, which gives the same numbers as one pass over all rows.
fn densify(keys: &[u64]) -> Groups {
    let n_chunks = rayon::current_num_threads().max(1);
    let chunk_len = keys.len().div_ceil(n_chunks).max(MIN_CHUNK_ROWS);
    let mut ids = vec![0u32; keys.len()];
    let chunk_keys: Vec<Vec<u64>> = keys
        .par_chunks(chunk_len)
        .zip(ids.par_chunks_mut(chunk_len))
        .map(|(keys, ids)| densify_chunk(keys, ids))
        .collect();
    let first_chunk_len = match chunk_keys.as_slice() {
        [] => 0,
        [only] => {
            return Groups {
                n_groups: only.len(),
                ids,
            }
        }
        [first, ..] => first.len(),
    };
    let mut global: HashMap<u64, u32> = HashMap::with_capacity(first_chunk_len);
    let remaps: Vec<Vec<u32>> = chunk_keys
        .iter()
        .map(|distinct| {
            distinct
                .iter()
                .map(|&key| {
                    let next = global.len() as u32;
                    *global.entry(key).or_insert(next)
                })
                .collect()
        })
        .collect();
    ids.par_chunks_mut(chunk_len)
        .zip(remaps.par_iter())
        .for_each(|(ids, remap)| {
            for id in ids {
                // Local ids index the chunk's own list of distinct keys, which `remap` mirrors.
                *id = remap[*id as usize];
            }
        });
    Groups {
        ids,
        n_groups: global.len(),
    }
}

/// Numbers one chunk's distinct keys from 0 and returns them in that order.
fn densify_chunk(keys: &[u64], ids: &mut [u32]) -> Vec<u64> {
    let mut id_of_key: HashMap<u64, u32> = HashMap::with_capacity(keys.len().min(1 << 12));
    let mut distinct = Vec::new();
    for (&key, id) in keys.iter().zip(ids) {
        *id = *id_of_key.entry(key).or_insert_with(|| {
            distinct.push(key);
            (distinct.len() - 1) as u32
        });
    }
    distinct
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_widths() {
        assert_eq!(
            [0, 1, 2, 3, 4, 5, 256, 257].map(bit_width),
            [0, 0, 1, 2, 2, 3, 8, 9]
        );
        assert_eq!(bit_width(1 << 32), 32);
    }

    #[test]
    fn densify_numbers_in_first_occurrence_order_across_chunks() {
        // Three chunks' worth of keys, with groups that start in one chunk and recur later.
        let n_rows = 3 * MIN_CHUNK_ROWS + 17;
        let keys: Vec<u64> = (0..n_rows as u64).map(|row| (row * 7919) % 1000).collect();
        let groups = densify(&keys);
        let mut expected: HashMap<u64, u32> = HashMap::new();
        let expected_ids: Vec<u32> = keys
            .iter()
            .map(|&key| {
                let next = expected.len() as u32;
                *expected.entry(key).or_insert(next)
            })
            .collect();
        assert_eq!(groups.ids, expected_ids);
        assert_eq!(groups.n_groups, 1000);
        assert_eq!(
            groups.sizes().iter().map(|&n| n as usize).sum::<usize>(),
            n_rows
        );
    }

    #[test]
    fn wide_keys_are_regrouped_not_truncated() {
        // Five columns of 2^20 values need 100 bits: more than one u64.
        let n_values = 1 << 20;
        let columns: [[u32; 4]; 5] = [
            [5, 5, 5, 5],
            [1, 1, 1, 2],
            [9, 9, 9, 9],
            [0, 0, 3, 0],
            [7, 7, 7, 7],
        ];
        let refs: Vec<(&[u32], usize)> = columns.iter().map(|c| (c.as_slice(), n_values)).collect();
        let groups = group_rows(&refs, 4);
        assert_eq!(groups.ids, [0, 0, 1, 2]);
        assert_eq!(groups.first_items(), [0, 2, 3]);
        assert_eq!(groups.sizes(), [2, 1, 1]);
    }

    #[test]
    fn constant_columns_give_one_group() {
        let codes = vec![0u32; 5];
        let groups = group_rows(&[(&codes, 1)], 5);
        assert_eq!(groups.n_groups, 1);
        assert_eq!(group_rows(&[], 0).n_groups, 0);
        assert_eq!(group_codes(&[3, 1, 3], 4).ids, [0, 1, 0]);
    }
}
