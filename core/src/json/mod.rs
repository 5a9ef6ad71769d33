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

mod fields;

pub(crate) use fields::{join, wrong, Fields};

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::model::{Permission, Seal, Signature, Signer};
use crate::wire::WireError;

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
        let seals = match f.raw("seals") {
            Value::Null => Vec::new(),
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| Seal::from_value(item, &format!("seals[{i}]")))
                .collect::<Result<_, _>>()?,
            other => return Err(wrong("seals".into(), "an array", &other)),
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
