//! Starting servers and driving them like a browser would.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use devserver::Config;
use reqwest::header::{HeaderMap, LOCATION, SET_COOKIE};
use reqwest::{Client, StatusCode};
use serde_json::Value;

pub struct Server {
    pub base: String,
    pub dir: tempfile::TempDir,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A database with keys and demo records, made once per test run: key
/// generation (RSA-2048 in a debug build) is too slow to repeat per test.
fn template_db() -> &'static Path {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        let path = dir.join(format!("devserver-template-{}.sqlite", std::process::id()));
        for stale in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if stale
                .file_name()
                .to_string_lossy()
                .starts_with("devserver-template-")
            {
                let _ = std::fs::remove_file(stale.path());
            }
        }
        let config = Config {
            db: path.clone(),
            ..Config::default()
        };
        // Dropping the app closes the connection, which checkpoints the WAL
        // into the main file: the file alone is then a complete copy.
        drop(devserver::build_app(config).expect("template database"));
        path
    })
}

/// A copy of the template database at `db`, for a test that restarts a
/// server on the same file.
pub fn copy_template(db: &Path) {
    std::fs::copy(template_db(), db).unwrap();
}

/// A server on its own copy of the template database.
pub async fn start(dev_faults: bool) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("devserver.sqlite");
    std::fs::copy(template_db(), &db).unwrap();
    let config = Config {
        db,
        dist: dir.path().join("dist"),
        dev_faults,
        allow_return: vec!["http://localhost:5173".to_owned()],
        origin: None,
    };
    start_with(config, dir).await
}

pub async fn start_with(config: Config, dir: tempfile::TempDir) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let host = listener.local_addr().unwrap().to_string();
    let task = tokio::spawn(async move {
        devserver::serve(config, listener).await.expect("server");
    });
    Server {
        base: format!("http://{host}"),
        dir,
        task,
    }
}

/// No automatic redirects: the tests look at every 303.
pub fn client() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub const STATE: &str = "Nonce_0123456789-abcdefXYZ";

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get_json(&self, path: &str) -> (StatusCode, HeaderMap, Value) {
        let r = client().get(self.url(path)).send().await.unwrap();
        let (status, headers) = (r.status(), r.headers().clone());
        (status, headers, r.json().await.unwrap())
    }

    pub async fn post_json(
        &self,
        path: &str,
        body: &str,
        if_match: Option<&str>,
    ) -> (StatusCode, HeaderMap, Value) {
        let mut request = client()
            .post(self.url(path))
            .header("content-type", "application/json")
            .body(body.to_owned());
        if let Some(tag) = if_match {
            request = request.header("if-match", tag);
        }
        let r = request.send().await.unwrap();
        let (status, headers) = (r.status(), r.headers().clone());
        (status, headers, r.json().await.unwrap())
    }

    /// S1: the entity and its ETag.
    pub async fn s1(&self, id: &str) -> (Value, String) {
        let (status, headers, body) = self.get_json(&format!("/api/signature/{id}")).await;
        assert_eq!(status, 200, "{body}");
        (body["entities"][0].clone(), etag(&headers))
    }

    pub async fn export(&self, id: &str) -> Value {
        let (status, _, body) = self
            .post_json(&format!("/api/signature/{id}/export"), "", None)
            .await;
        assert_eq!(status, 200, "{body}");
        body["entities"][0].clone()
    }

    pub async fn bytes(&self, path: &str) -> Vec<u8> {
        let r = client().get(self.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200);
        r.bytes().await.unwrap().to_vec()
    }

    /// Dev login; returns the `Cookie` header value.
    pub async fn login(&self, user: &str) -> String {
        let r = client()
            .get(self.url(&format!("/dev/login?user={user}&next=/dev")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let set = r.headers()[SET_COOKIE].to_str().unwrap().to_owned();
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Lax"),
            "{set}"
        );
        set.split(';').next().unwrap().to_owned()
    }

    /// `GET /sign`; returns the sign request token from the 303.
    pub async fn start_sign(&self, id: &str, seal: usize, return_url: &str) -> String {
        let r = client()
            .get(self.url("/sign"))
            .query(&[
                ("id", id),
                ("seal", &seal.to_string()),
                ("return", return_url),
                ("state", STATE),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        let location = location(r.headers());
        location
            .strip_prefix("/provider/sign/")
            .expect("provider page")
            .to_owned()
    }

    pub async fn page(&self, path: &str, cookie: Option<&str>) -> (StatusCode, String) {
        let mut request = client().get(self.url(path));
        if let Some(c) = cookie {
            request = request.header("cookie", c);
        }
        let r = request.send().await.unwrap();
        (r.status(), r.text().await.unwrap())
    }

    pub async fn post_form(
        &self,
        path: &str,
        cookie: Option<&str>,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let mut request = client()
            .post(self.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        if let Some(c) = cookie {
            request = request.header("cookie", c);
        }
        request.send().await.unwrap()
    }

    /// Log in as `user`, stamp seal `seal` of `id` with `seal_id`; returns
    /// where the provider sent the browser.
    pub async fn stamp(&self, user: &str, id: &str, seal: usize, seal_id: &str) -> String {
        let cookie = self.login(user).await;
        let token = self.start_sign(id, seal, &self.url("/form")).await;
        let (status, html) = self
            .page(&format!("/provider/sign/{token}"), Some(&cookie))
            .await;
        assert_eq!(status, 200);
        let csrf = csrf_of(&html);
        let r = self
            .post_form(
                &format!("/provider/sign/{token}/confirm"),
                Some(&cookie),
                &[("csrf", &csrf), ("seal_id", seal_id)],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        location(r.headers())
    }
}

pub fn etag(headers: &HeaderMap) -> String {
    headers["etag"].to_str().unwrap().to_owned()
}

pub fn location(headers: &HeaderMap) -> String {
    headers[LOCATION].to_str().unwrap().to_owned()
}

/// The value of `attr="…"` right after `marker` in `html`.
fn values_after(html: &str, marker: &str) -> Vec<String> {
    html.match_indices(marker)
        .map(|(i, _)| {
            let rest = &html[i + marker.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

pub fn csrf_of(html: &str) -> String {
    values_after(html, "name=\"csrf\" value=\"")
        .pop()
        .expect("csrf input")
}

pub fn seal_options(html: &str) -> Vec<String> {
    values_after(html, "data-testid=\"seal-option\" value=\"")
}

/// The query parameters of a redirect target.
pub fn params(location: &str) -> Vec<(String, String)> {
    url::Url::parse(location)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub fn param(location: &str, name: &str) -> Option<String> {
    params(location)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// The text of a PDF as poppler's `pdftotext` reads it (the exports write
/// their text in an embedded CJK font, so it is not in the bytes as such).
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install -y poppler-utils)");
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
