//! `(cipher=TLS_AES_256_GCM_SHA384)` alone: Haraka 2.8 and Momentum / ecelerity.
//! (With a `version=` in front the key-value unit reads it instead.)

use super::Notation;
use crate::received::{name_byte, Findings, Header, Word};

pub(crate) struct CipherComment;

impl Notation for CipherComment {
    fn name(&self) -> &'static str {
        "cipher-comment"
    }

    fn read<'a>(&self, h: &Header<'a, '_>, f: &mut Findings<'a>) {
        // Momentum may continue the comment with the client's certificate subject.
        for at in h.at(Word::Cipher) {
            let mut s = h.scan(at + "cipher".len());
            if h.before(at) != Some(b'(') || !s.lit("=") {
                continue;
            }
            let at = at - 1;
            if let Some(cipher) = s.word(|b| name_byte(b) && b != b'.') {
                f.tls(self.name(), h.text, at..s.pos);
                f.cipher(cipher);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::received::notations::testing::summary;

    #[test]
    fn shapes() {
        let want = (true, None, Some("TLS_AES_256_GCM_SHA384".to_string()), None);
        assert_eq!(summary(&CipherComment, "from a (a [192.0.2.1]) by b (Haraka/2.8.28) with ESMTPS id 1 envelope-from <x> (cipher=TLS_AES_256_GCM_SHA384); d"), want);
        assert_eq!(summary(&CipherComment, "from a ([192.0.2.1]:4123 helo=a) by b (envelope-from <x>) (ecelerity 4.2.38.62) with ESMTPS (cipher=TLS_AES_256_GCM_SHA384) id 5F/1A; d"), want);
        assert!(!summary(&CipherComment, "from a by b with ESMTP (cipher=)").0);
        let momentum = "from a by b (ecelerity 4.7.0) with ESMTPS (cipher=TLS_AES_256_GCM_SHA384\n\tsubject=\"/CN=app.example.com\") id FA/5C; d";
        assert_eq!(
            summary(&CipherComment, momentum).2.as_deref(),
            Some("TLS_AES_256_GCM_SHA384")
        );
    }
}
