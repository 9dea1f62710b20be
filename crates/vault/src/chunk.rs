//! The plaintext layout of one column chunk before encryption: the chunk's own dictionary of
//! distinct values and one code per cell, in the narrowest width that fits.

use table::Column;

const FORMAT: u8 = 1;

/// Serializes a column (one batch of cells) into chunk bytes.
pub(crate) fn encode(column: &Column) -> Vec<u8> {
    let dict = column.dictionary();
    let codes = column.codes();
    let width = code_width(dict.len());
    let dict_bytes: usize = dict.iter().map(|s| 4 + s.len()).sum();
    let mut out = Vec::with_capacity(10 + dict_bytes + codes.len() * width);
    out.push(FORMAT);
    out.extend_from_slice(&(codes.len() as u32).to_le_bytes());
    out.extend_from_slice(&(dict.len() as u32).to_le_bytes());
    for value in dict {
        out.extend_from_slice(&(value.len() as u32).to_le_bytes());
        out.extend_from_slice(value.as_bytes());
    }
    out.push(width as u8);
    for &code in codes {
        out.extend_from_slice(&code.to_le_bytes()[..width]);
    }
    out
}

/// Parses chunk bytes back into a column named `name`; `None` if malformed.
pub(crate) fn decode(name: &str, bytes: &[u8]) -> Option<Column> {
    let mut r = Reader { bytes, pos: 0 };
    if r.take(1)?[0] != FORMAT {
        return None;
    }
    let n_cells = r.u32()? as usize;
    let n_dict = r.u32()? as usize;
    let mut dict = Vec::with_capacity(n_dict.min(bytes.len()));
    for _ in 0..n_dict {
        let len = r.u32()? as usize;
        dict.push(std::str::from_utf8(r.take(len)?).ok()?.to_string());
    }
    let width = r.take(1)?[0] as usize;
    if width != code_width(n_dict) {
        return None;
    }
    let raw = r.take(n_cells.checked_mul(width)?)?;
    if r.pos != bytes.len() {
        return None;
    }
    let codes = raw
        .chunks_exact(width)
        .map(|c| {
            let mut b = [0u8; 4];
            b[..width].copy_from_slice(c);
            u32::from_le_bytes(b)
        })
        .collect();
    Column::from_parts(name.to_string(), dict, codes).ok()
}

fn code_width(n_dict: usize) -> usize {
    match n_dict {
        0..=0x100 => 1,
        0x101..=0x1_0000 => 2,
        _ => 4,
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let out = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(out)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(values: &[&str]) -> Column {
        let mut c = Column::new("c");
        for v in values {
            c.push(v);
        }
        c
    }

    #[test]
    fn round_trips_small_and_wide_dictionaries() {
        let small = column(&["a", "b", "a", "", "é"]);
        let back = decode("c", &encode(&small)).unwrap();
        assert_eq!(
            (0..5).map(|i| back.get(i).unwrap()).collect::<Vec<_>>(),
            ["a", "b", "a", "", "é"]
        );

        let values: Vec<String> = (0..70_000).map(|i| format!("v{i}")).collect();
        let wide = column(&values.iter().map(String::as_str).collect::<Vec<_>>());
        let bytes = encode(&wide);
        assert_eq!(bytes[bytes.len() - 70_000 * 4 - 1], 4);
        let back = decode("c", &bytes).unwrap();
        assert_eq!(back.get(69_999), Some("v69999"));
    }

    #[test]
    fn malformed_bytes_are_rejected_not_panicked_on() {
        let bytes = encode(&column(&["a", "b"]));
        for cut in 0..bytes.len() {
            assert!(decode("c", &bytes[..cut]).is_none());
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(decode("c", &extra).is_none());
        let mut bad_code = bytes.clone();
        let last = bad_code.len() - 1;
        bad_code[last] = 9;
        assert!(decode("c", &bad_code).is_none());
    }
}
