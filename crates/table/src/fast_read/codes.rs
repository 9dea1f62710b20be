//! [`Codes`]: one chunk's codes for one column, a byte each while the
//! chunk's dictionary has at most 256 values, four bytes each after.
//!
//! Columns worth grouping on mostly have few distinct values; a byte per
//! cell quarters the memory a chunk writes and then reads back at merge.

/// The codes of one column in one chunk, in record order.
pub(super) enum Codes {
    /// All codes so far are below 256.
    Narrow(Vec<u8>),
    /// Some code was 256 or more.
    Wide(Vec<u32>),
}

impl Codes {
    /// Room for `rows` narrow codes.
    pub(super) fn with_capacity(rows: usize) -> Self {
        Self::Narrow(Vec::with_capacity(rows))
    }

    /// Appends `code`, widening all codes when it does not fit in a byte.
    #[inline(always)]
    pub(super) fn push(&mut self, code: u32) {
        match self {
            Self::Narrow(narrow) => match u8::try_from(code) {
                Ok(byte) => narrow.push(byte),
                Err(_) => self.widen(code),
            },
            Self::Wide(wide) => wide.push(code),
        }
    }

    /// Switches to four-byte codes and appends `code`.
    #[cold]
    fn widen(&mut self, code: u32) {
        if let Self::Narrow(narrow) = self {
            let mut wide = Vec::with_capacity(narrow.capacity().max(narrow.len() + 1));
            wide.extend(narrow.iter().map(|&byte| u32::from(byte)));
            wide.push(code);
            *self = Self::Wide(wide);
        }
    }

    /// Appends every code to `out`, renumbered through `remap`; a code
    /// outside `remap` becomes `u32::MAX`.
    pub(super) fn remap_into(&self, remap: &[u32], out: &mut Vec<u32>) {
        let renumber = |code: usize| remap.get(code).copied().unwrap_or(u32::MAX);
        match self {
            Self::Narrow(narrow) => {
                let mut table = [u32::MAX; 256];
                table
                    .iter_mut()
                    .enumerate()
                    .for_each(|(code, entry)| *entry = renumber(code));
                out.extend(narrow.iter().map(|&byte| table[usize::from(byte)]));
            }
            Self::Wide(wide) => out.extend(wide.iter().map(|&code| renumber(code as usize))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widens_on_the_first_large_code_and_remaps_both_kinds() {
        let mut codes = Codes::with_capacity(2);
        for code in [0, 255, 3] {
            codes.push(code);
        }
        assert!(matches!(codes, Codes::Narrow(_)));
        let remap: Vec<u32> = (0..300).map(|code| code + 1000).collect();
        let mut out = Vec::new();
        codes.remap_into(&remap, &mut out);
        assert_eq!(out, [1000, 1255, 1003]);
        codes.push(256);
        codes.push(7);
        assert!(matches!(codes, Codes::Wide(_)));
        out.clear();
        codes.remap_into(&remap[..10], &mut out);
        assert_eq!(out, [1000, u32::MAX, 1003, u32::MAX, 1007]);
    }
}
