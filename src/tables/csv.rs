//! A table as CSV (RFC 4180, a header row; null is an empty field; booleans are
//! `true`/`false`).

use super::{Column, TableWriter, Value};
use std::io::{self, Write};

/// A CSV table streaming to `W`.
pub struct CsvTable<W: Write> {
    out: ::csv::Writer<W>,
    field: String,
}

impl<W: Write> CsvTable<W> {
    /// Start a table: writes the header row.
    pub fn new(out: W, columns: &[Column]) -> io::Result<Self> {
        let mut out = ::csv::Writer::from_writer(out);
        out.write_record(columns.iter().map(|c| c.name))
            .map_err(io::Error::other)?;
        Ok(CsvTable {
            out,
            field: String::new(),
        })
    }
}

impl<W: Write> TableWriter for CsvTable<W> {
    fn row(&mut self, cells: &[Value<'_>]) -> io::Result<()> {
        use std::fmt::Write as _;
        for cell in cells {
            self.field.clear();
            let text: &str = match cell {
                Value::Null => "",
                Value::Str(s) => s,
                Value::Bool(true) => "true",
                Value::Bool(false) => "false",
                Value::Int(n) => {
                    let _ = write!(self.field, "{n}");
                    &self.field
                }
                Value::Float(x) => {
                    let _ = write!(self.field, "{x}");
                    &self.field
                }
            };
            self.out.write_field(text).map_err(io::Error::other)?;
        }
        self.out
            .write_record(None::<&[u8]>)
            .map_err(io::Error::other)
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        let mut out = self.out;
        out.flush()
    }
}
