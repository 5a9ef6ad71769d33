//! Reading a JSON object field by field, checking each field's type and
//! naming it (`seals[0].x`) when it is wrong. Missing and null are the same.

use serde_json::{Map, Number, Value};

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
