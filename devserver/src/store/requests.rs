//! Sign requests (one per trip to the provider) and provider sessions.

use rusqlite::{params, OptionalExtension};

use super::{Store, StoreError};
use crate::ids::now_ms;

/// A user's trip through the signature service: where to go back to.
#[derive(Debug, Clone, PartialEq)]
pub struct SignRequest {
    pub token: String,
    pub signature_id: String,
    pub seal: usize,
    /// Absolute, already checked against the allow-list.
    pub return_url: String,
    /// The control's nonce, passed back untouched.
    pub state: String,
    pub created: i64,
    pub used: bool,
}

/// A logged-in provider user.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub id: String,
    pub account: String,
    /// Synchronizer token for the provider's POST forms.
    pub csrf: String,
}

impl Store {
    pub fn put_sign_request(&self, request: &SignRequest) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO sign_requests (token, signature_id, seal, return_url, state, created, used)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
            params![
                request.token,
                request.signature_id,
                i64::try_from(request.seal).unwrap_or(i64::MAX),
                request.return_url,
                request.state,
                request.created
            ],
        )?;
        Ok(())
    }

    pub fn sign_request(&self, token: &str) -> Result<Option<SignRequest>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT token, signature_id, seal, return_url, state, created, used
                 FROM sign_requests WHERE token = ?1",
                [token],
                |r| {
                    let seal: i64 = r.get(2)?;
                    Ok(SignRequest {
                        token: r.get(0)?,
                        signature_id: r.get(1)?,
                        seal: usize::try_from(seal).unwrap_or(usize::MAX),
                        return_url: r.get(3)?,
                        state: r.get(4)?,
                        created: r.get(5)?,
                        used: r.get::<_, i64>(6)? != 0,
                    })
                },
            )
            .optional()?)
    }

    /// Marks the request used; `false` if it already was (single use even
    /// when the confirm button is pressed twice).
    pub fn use_sign_request(&self, token: &str) -> Result<bool, StoreError> {
        let changed = self.conn().execute(
            "UPDATE sign_requests SET used = 1 WHERE token = ?1 AND used = 0",
            [token],
        )?;
        Ok(changed == 1)
    }

    pub fn put_session(&self, session: &Session) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO sessions (id, account, csrf, created) VALUES (?1, ?2, ?3, ?4)",
            params![session.id, session.account, session.csrf, now_ms()],
        )?;
        Ok(())
    }

    pub fn session(&self, id: &str) -> Result<Option<Session>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, account, csrf FROM sessions WHERE id = ?1",
                [id],
                |r| {
                    Ok(Session {
                        id: r.get(0)?,
                        account: r.get(1)?,
                        csrf: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    pub fn delete_session(&self, id: &str) -> Result<(), StoreError> {
        self.conn()
            .execute("DELETE FROM sessions WHERE id = ?1", [id])?;
        Ok(())
    }
}
