//! [`Specials`]: the positions of the delimiter, `\n` and `\r` in a byte
//! slice, found eight bytes at a time.
//!
//! Fields in healthcare extracts are short (a few bytes), so a search that
//! restarts for every field spends more time starting than searching. This
//! one loads eight bytes as one `u64`, marks the bytes equal to one of the
//! three (exactly: no false matches, as with the classic "has zero byte"
//! trick made exact), and hands out the marked positions one by one.

/// Every byte of a `u64` set to 0x7F.
const LOW_SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// Every byte of a `u64` set to 0x01.
const ONES: u64 = 0x0101_0101_0101_0101;

/// 0x80 in each byte of `word` that is zero, 0 in every other byte.
#[inline(always)]
fn zero_bytes(word: u64) -> u64 {
    !(((word & LOW_SEVEN).wrapping_add(LOW_SEVEN)) | word | LOW_SEVEN)
}

/// Iterator over the offsets in a slice of the delimiter, `\n` and `\r`,
/// in increasing order.
pub(super) struct Specials<'b> {
    bytes: &'b [u8],
    delimiter: u64,
    /// Offset of the next word to load.
    next: usize,
    /// Offset of the word `mask` marks.
    base: usize,
    /// 0x80 at each byte of the current word still to hand out.
    mask: u64,
}

impl<'b> Specials<'b> {
    /// Finds `delimiter`, `\n` and `\r` in `bytes`.
    pub(super) fn new(bytes: &'b [u8], delimiter: u8) -> Self {
        Self {
            bytes,
            delimiter: ONES.wrapping_mul(u64::from(delimiter)),
            next: 0,
            base: 0,
            mask: 0,
        }
    }

    /// Loads the next word; `false` at the end of the slice.
    #[inline(always)]
    fn load(&mut self) -> bool {
        let start = self.next;
        let (word, keep) = match self.bytes.get(start..start + 8) {
            Some(eight) => {
                let mut word = [0u8; 8];
                word.copy_from_slice(eight);
                (u64::from_le_bytes(word), u64::MAX)
            }
            None => {
                let Some(tail) = self.bytes.get(start..).filter(|tail| !tail.is_empty()) else {
                    return false;
                };
                let mut word = [0u8; 8];
                word.iter_mut().zip(tail).for_each(|(to, &from)| *to = from);
                (u64::from_le_bytes(word), (1u64 << (8 * tail.len())) - 1)
            }
        };
        self.mask = (zero_bytes(word ^ self.delimiter)
            | zero_bytes(word ^ (ONES * u64::from(b'\n')))
            | zero_bytes(word ^ (ONES * u64::from(b'\r'))))
            & keep;
        self.base = start;
        self.next = start + 8;
        true
    }
}

impl Iterator for Specials<'_> {
    type Item = usize;

    #[inline(always)]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            if !self.load() {
                return None;
            }
        }
        let at = self.base + (self.mask.trailing_zeros() / 8) as usize;
        self.mask &= self.mask - 1;
        Some(at)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn finds_exactly_the_special_bytes(
            bytes in proptest::collection::vec(
                prop_oneof![Just(0u8), Just(b','), Just(b'\n'), Just(b'\r'), any::<u8>()],
                0..80,
            ),
            delimiter in prop_oneof![Just(0u8), Just(b','), Just(b'\t'), Just(0x7F), Just(b'|')],
            skip in 0usize..8,
        ) {
            let bytes = bytes.get(skip..).unwrap_or_default();
            let found: Vec<usize> = Specials::new(bytes, delimiter).collect();
            let expected: Vec<usize> = bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == delimiter || b == b'\n' || b == b'\r')
                .map(|(at, _)| at)
                .collect();
            prop_assert_eq!(found, expected);
        }
    }
}
