//! Validation of identifiers that arrive from browsers, and random tokens.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// A Signature id: 1..=64 chars of `[A-Za-z0-9_-]`. Anything else could end
/// up in a path, a file name or a page, so it is refused early.
pub fn check_signature_id(id: &str) -> Result<(), String> {
    if id.is_empty() || id.len() > 64 {
        return Err(format!(
            "signature id must be 1 to 64 characters, got {}",
            id.chars().count()
        ));
    }
    if !id.bytes().all(is_id_byte) {
        return Err("signature id may contain only letters, digits, `_` and `-`".to_owned());
    }
    Ok(())
}

/// The control's `state` nonce: 16..=128 URL-safe characters (spec §5 wants
/// ≥128 random bits; it is passed back untouched, so it must need no escaping).
pub fn check_state(state: &str) -> Result<(), String> {
    if state.len() < 16 || state.len() > 128 {
        return Err(format!(
            "state must be 16 to 128 characters, got {}",
            state.chars().count()
        ));
    }
    if !state
        .bytes()
        .all(|b| is_id_byte(b) || b == b'.' || b == b'~')
    {
        return Err("state may contain only letters, digits and `-_.~`".to_owned());
    }
    Ok(())
}

/// Tokens we issue (sign requests, sessions, file keys) have the same shape.
pub fn check_token(token: &str) -> bool {
    (16..=64).contains(&token.len()) && token.bytes().all(is_id_byte)
}

fn is_id_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// 256 random bits from the OS, URL-safe base64 (43 chars).
pub fn random_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// Milliseconds since the Unix epoch (the wire's `createTime`).
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(check_signature_id("demo-applicant_1").is_ok());
        assert!(check_signature_id("").is_err());
        assert!(check_signature_id(&"a".repeat(65)).is_err());
        assert!(check_signature_id("a/b").is_err());
        assert!(check_signature_id("a.b").is_err());
        assert!(check_signature_id("张三").is_err());
    }

    #[test]
    fn states() {
        assert!(check_state("abcdefghijklmnop").is_ok());
        assert!(check_state("short").is_err());
        assert!(check_state("abcdefghijklmnop<").is_err());
        assert!(check_state(&"a".repeat(129)).is_err());
    }

    #[test]
    fn tokens_are_valid_tokens() {
        let t = random_token().unwrap();
        assert_eq!(t.len(), 43);
        assert!(check_token(&t));
    }
}
