//! The Signature structure to and from JSON, by walking a
//! `serde_json::Value`.
//!
//! Written by hand on purpose: keeping unknown fields needs serde's
//! `flatten`, which buffers every field through serde's private `Content`
//! type, and naming the wrong field needs `serde_path_to_error`, which
//! wraps every visitor. In the control's first download (budget 110 KB
//! gzip) the two cost about 70 KB of wasm. A walk over a `Value` keeps
//! unknown fields, names the failing field (`seals[0].x`) and reuses the
//! one JSON parser the control needs anyway. `Serialize`/`Deserialize` are
//! implemented on top, so other crates use the types as usual.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Number, Value};

use crate::model::{Permission, Seal, Signature, Signer};
use crate::wire::WireError;

/// A JSON object being read, and where it is in the document.
pub(crate) struct Fields {
    map: Map<String, Value>,
    path: String,
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

pub(crate) fn wrong(field: String, expected: &str, found: &Value) -> WireError {
    WireError::WrongType {
        field: if field.is_empty() {
            "(root)".to_owned()
        } else {
            field
        },
        reason: format!("expected {expected}, found {}", kind(found)),
    }
}

impl Fields {
    /// An object, or `None` for null.
    pub(crate) fn of(value: Value, path: &str) -> Result<Option<Self>, WireError> {
        match value {
            Value::Null => Ok(None),
            Value::Object(map) => Ok(Some(Fields {
                map,
                path: path.to_owned(),
            })),
            other => Err(wrong(path.to_owned(), "an object", &other)),
        }
    }

    /// Take a field out, checking its type with `read`; missing and null
    /// are `None`.
    fn take<T>(
        &mut self,
        key: &str,
        expected: &str,
        read: impl FnOnce(Value) -> Result<T, Value>,
    ) -> Result<Option<T>, WireError> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => read(value)
                .map(Some)
                .map_err(|v| wrong(join(&self.path, key), expected, &v)),
        }
    }

    pub(crate) fn string(&mut self, key: &str) -> Result<Option<String>, WireError> {
        self.take(key, "a string", |v| match v {
            Value::String(s) => Ok(s),
            other => Err(other),
        })
    }

    pub(crate) fn number(&mut self, key: &str) -> Result<Option<Number>, WireError> {
        self.take(key, "a number", |v| match v {
            Value::Number(n) => Ok(n),
            other => Err(other),
        })
    }

    pub(crate) fn unsigned(&mut self, key: &str) -> Result<Option<u64>, WireError> {
        self.take(key, "a non-negative integer", |v| match v.as_u64() {
            Some(n) => Ok(n),
            None => Err(v),
        })
    }

    pub(crate) fn integer(&mut self, key: &str) -> Result<Option<i64>, WireError> {
        self.take(key, "an integer", |v| match v.as_i64() {
            Some(n) => Ok(n),
            None => Err(v),
        })
    }

    pub(crate) fn boolean(&mut self, key: &str) -> Result<Option<bool>, WireError> {
        self.take(key, "a boolean", |v| match v {
            Value::Bool(b) => Ok(b),
            other => Err(other),
        })
    }

    /// An array of integers (a PDF `/ByteRange`).
    pub(crate) fn integers(&mut self, key: &str) -> Result<Option<Vec<i64>>, WireError> {
        self.take(key, "an array of integers", |v| match v {
            Value::Array(items) if items.iter().all(|i| i.as_i64().is_some()) => {
                Ok(items.iter().filter_map(Value::as_i64).collect())
            }
            other => Err(other),
        })
    }

    /// A field that must be there.
    pub(crate) fn required<T>(&self, value: Option<T>, key: &str) -> Result<T, WireError> {
        value.ok_or_else(|| WireError::WrongType {
            field: join(&self.path, key),
            reason: "missing".to_owned(),
        })
    }

    /// Take a nested value as it is.
    pub(crate) fn raw(&mut self, key: &str) -> Value {
        self.map.remove(key).unwrap_or(Value::Null)
    }

    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    pub(crate) fn strings(&mut self, key: &str) -> Result<Option<Vec<String>>, WireError> {
        let path = join(&self.path, key);
        let Some(items) = self.take(key, "an array of strings", |v| match v {
            Value::Array(items) => Ok(items),
            other => Err(other),
        })?
        else {
            return Ok(None);
        };
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::String(s) => Ok(s),
                other => Err(wrong(format!("{path}[{i}]"), "a string", &other)),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    pub(crate) fn object(&mut self, key: &str) -> Result<Option<Fields>, WireError> {
        match self.map.remove(key) {
            None => Ok(None),
            Some(value) => Fields::of(value, &join(&self.path, key)),
        }
    }

    pub(crate) fn rest(self) -> Map<String, Value> {
        self.map
    }
}

/// Build an object: known fields first (those that are set), then the
/// unknown ones as they came.
fn object(known: Vec<(&str, Option<Value>)>, extra: &Map<String, Value>) -> Value {
    let mut map = Map::new();
    for (key, value) in known {
        if let Some(v) = value {
            map.insert(key.to_owned(), v);
        }
    }
    for (key, value) in extra {
        map.entry(key.clone()).or_insert_with(|| value.clone());
    }
    Value::Object(map)
}

fn text(v: &Option<String>) -> Option<Value> {
    v.clone().map(Value::String)
}

fn texts(v: &Option<Vec<String>>) -> Option<Value> {
    v.as_ref()
        .map(|list| Value::Array(list.iter().cloned().map(Value::String).collect()))
}

impl Signature {
    /// Read a Signature from JSON; a wrong type names its field.
    pub fn from_value(value: Value) -> Result<Signature, WireError> {
        let Some(mut f) = Fields::of(value, "")? else {
            return Ok(Signature::default());
        };
        let id = f.string("id")?;
        let name = f.string("name")?;
        let size = f.unsigned("size")?;
        let uri = f.string("uri")?;
        let mime = f.string("mime")?;
        let create_time = f.integer("createTime")?;
        let seals = match f.map.remove("seals") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| Seal::from_value(item, &format!("seals[{i}]")))
                .collect::<Result<_, _>>()?,
            Some(other) => return Err(wrong("seals".into(), "an array", &other)),
        };
        Ok(Signature {
            id,
            name,
            size,
            uri,
            mime,
            create_time,
            seals,
            extra: f.rest(),
        })
    }

    pub fn to_value(&self) -> Value {
        let seals = self.seals.iter().map(Seal::to_value).collect();
        object(
            vec![
                ("id", text(&self.id)),
                ("name", text(&self.name)),
                ("size", self.size.map(Value::from)),
                ("uri", text(&self.uri)),
                ("mime", text(&self.mime)),
                ("createTime", self.create_time.map(Value::from)),
                ("seals", Some(Value::Array(seals))),
            ],
            &self.extra,
        )
    }
}

impl Seal {
    fn from_value(value: Value, path: &str) -> Result<Seal, WireError> {
        let Some(mut f) = Fields::of(value, path)? else {
            return Ok(Seal::default());
        };
        let signer = match f.object("signer")? {
            None => None,
            Some(mut s) => Some(Signer {
                account: s.string("account")?,
                name: s.string("name")?,
                extra: s.rest(),
            }),
        };
        let permission = match f.object("permission")? {
            None => None,
            Some(mut p) => Some(Permission {
                seal_types: p.strings("sealTypes")?,
                seal_ids: p.strings("sealIds")?,
                signers: p.strings("signers")?,
                extra: p.rest(),
            }),
        };
        Ok(Seal {
            x: f.number("x")?,
            y: f.number("y")?,
            place_holder: f.string("placeHolder")?,
            signer,
            permission,
            template: f.string("template")?,
            image: f.string("image")?,
            description: f.string("description")?,
            algorithm: f.string("algorithm")?,
            signature: f.string("signature")?,
            public_key: f.string("privateKey")?,
            extra: f.rest(),
        })
    }

    fn to_value(&self) -> Value {
        let signer = self.signer.as_ref().map(|s| {
            object(
                vec![("account", text(&s.account)), ("name", text(&s.name))],
                &s.extra,
            )
        });
        let permission = self.permission.as_ref().map(|p| {
            object(
                vec![
                    ("sealTypes", texts(&p.seal_types)),
                    ("sealIds", texts(&p.seal_ids)),
                    ("signers", texts(&p.signers)),
                ],
                &p.extra,
            )
        });
        object(
            vec![
                ("x", self.x.clone().map(Value::Number)),
                ("y", self.y.clone().map(Value::Number)),
                ("placeHolder", text(&self.place_holder)),
                ("signer", signer),
                ("permission", permission),
                ("template", text(&self.template)),
                ("image", text(&self.image)),
                ("description", text(&self.description)),
                ("algorithm", text(&self.algorithm)),
                ("signature", text(&self.signature)),
                ("privateKey", text(&self.public_key)),
            ],
            &self.extra,
        )
    }
}

impl Serialize for Signature {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Signature {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Signature::from_value(Value::deserialize(deserializer)?).map_err(D::Error::custom)
    }
}
