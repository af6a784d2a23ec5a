//! Bytes to text. Files arrive as UTF-8 (with or without a BOM), UTF-16 with a BOM, or in the
//! legacy Arabic code pages (windows-1256, ISO-8859-6). Text that cannot be decoded with
//! confidence is refused rather than stored as mojibake.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::IngestError;

/// Text decoded from a file, with the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// True when the bytes look like a binary file: NUL bytes or many control characters in the
/// first few kilobytes. UTF-16 has NULs too, so it must be recognised (by BOM) before this.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    controls * 20 > head.len().max(1)
}

/// Decodes a whole file. `encoding_override` (a WHATWG label such as `windows-1256`) skips
/// detection, for when the user has picked the encoding.
pub fn decode(bytes: &[u8], encoding_override: Option<&str>) -> Result<Decoded, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if let Some(label) = encoding_override {
        let encoding =
            Encoding::for_label(label.as_bytes()).ok_or_else(|| IngestError::UnknownEncoding(label.to_string()))?;
        let (text, _, had_errors) = encoding.decode(bytes);
        if had_errors {
            return Err(IngestError::Undecodable(format!("not valid {}", encoding.name())));
        }
        return Ok(Decoded { text: text.into_owned(), encoding: encoding.name() });
    }
    // A BOM is authoritative.
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(IngestError::Undecodable(format!("invalid {} after its byte-order mark", encoding.name())));
        }
        debug_assert!(encoding == UTF_8 || encoding == UTF_16LE || encoding == UTF_16BE);
        return Ok(Decoded { text: text.into_owned(), encoding: encoding.name() });
    }
    if looks_binary(bytes) {
        return Err(IngestError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: text.to_string(), encoding: UTF_8.name() });
    }
    // Not UTF-8. Mostly-valid UTF-8 with a few broken sequences is a damaged UTF-8 file, not a
    // legacy one: decoding it as windows-1256 would turn every Arabic letter into mojibake.
    let valid_prefix = std::str::from_utf8(bytes).map_err(|e| e.valid_up_to()).unwrap_err();
    let multibyte_before_error = bytes[..valid_prefix].iter().filter(|&&b| b >= 0x80).count();
    if multibyte_before_error >= 16 {
        return Err(IngestError::Undecodable(format!("invalid UTF-8 at byte {valid_prefix}")));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors {
        return Err(IngestError::Undecodable(format!("not valid {}", encoding.name())));
    }
    if !plausible(&text) {
        return Err(IngestError::UnsureEncoding(encoding.name().to_string()));
    }
    Ok(Decoded { text: text.into_owned(), encoding: encoding.name() })
}

/// chardetng gives a guess but no confidence. A right guess turns the non-ASCII bytes into
/// letters of one script; a wrong one scatters them over symbols and several scripts. Too few
/// non-ASCII characters to judge also counts as unsure.
fn plausible(text: &str) -> bool {
    let mut non_ascii = 0usize;
    let mut arabic = 0usize;
    let mut latin = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if crate::nlp::normalize::is_arabic_letter(c)
            || crate::nlp::normalize::is_arabic_mark(c)
            || matches!(c, '،' | '؛' | '؟')
        {
            arabic += 1;
        } else if ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        }
    }
    non_ascii >= 32 && (arabic.max(latin) * 10 >= non_ascii * 9)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "قال الرئيس إن الاجتماع كان مثمرا، وإن المحادثات ستتواصل غدا في العاصمة.";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(ARABIC.as_bytes(), None).unwrap().text, ARABIC);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(ARABIC.as_bytes());
        assert_eq!(decode(&bom, None).unwrap().text, ARABIC);
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(ARABIC.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le, None).unwrap().text, ARABIC);
        let mut be = vec![0xFE, 0xFF];
        be.extend(ARABIC.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be, None).unwrap().text, ARABIC);
    }

    #[test]
    fn windows_1256_is_detected() {
        let text = ARABIC.repeat(3);
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&text);
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, "windows-1256");
    }

    #[test]
    fn refuses_binary_empty_and_broken_utf8() {
        assert!(matches!(decode(&[0x89, b'P', b'N', b'G', 0, 0, 0, 13], None), Err(IngestError::Binary)));
        assert!(matches!(decode(b"", None), Err(IngestError::Empty)));
        let mut broken = ARABIC.as_bytes().to_vec();
        broken.extend_from_slice(&[0xFF, 0xFE, 0xC3]);
        broken.extend_from_slice(ARABIC.as_bytes());
        assert!(matches!(decode(&broken, None), Err(IngestError::Undecodable(_))));
    }
}
