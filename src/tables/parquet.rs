//! A table as Parquet (Arrow types: Utf8, Int64, Boolean, Float64, every column
//! nullable; Snappy-compressed; a row group per 64 Ki rows).

use super::{Column, Kind, TableWriter, Value};
use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::{self, Write};
use std::sync::Arc;

/// Rows gathered before they are handed to the Parquet writer as one batch.
const BATCH_ROWS: usize = 8192;

enum Builder {
    Str(StringBuilder),
    Int(Int64Builder),
    Bool(BooleanBuilder),
    Float(Float64Builder),
}

impl Builder {
    fn new(kind: Kind) -> Self {
        match kind {
            Kind::Str => Builder::Str(StringBuilder::new()),
            Kind::Int => Builder::Int(Int64Builder::new()),
            Kind::Bool => Builder::Bool(BooleanBuilder::new()),
            Kind::Float => Builder::Float(Float64Builder::new()),
        }
    }

    /// Append one value; a value of another type than the column's is a bug in
    /// the table definition, written as null rather than a panic.
    fn push(&mut self, value: &Value<'_>) {
        match (self, value) {
            (Builder::Str(b), Value::Str(s)) => b.append_value(s),
            (Builder::Str(b), _) => b.append_null(),
            (Builder::Int(b), Value::Int(n)) => b.append_value(*n),
            (Builder::Int(b), _) => b.append_null(),
            (Builder::Bool(b), Value::Bool(x)) => b.append_value(*x),
            (Builder::Bool(b), _) => b.append_null(),
            (Builder::Float(b), Value::Float(x)) => b.append_value(*x),
            (Builder::Float(b), _) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Str(b) => Arc::new(b.finish()),
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Bool(b) => Arc::new(b.finish()),
            Builder::Float(b) => Arc::new(b.finish()),
        }
    }
}

/// The Arrow schema of a table.
pub fn schema(columns: &[Column]) -> SchemaRef {
    let fields: Vec<Field> = columns
        .iter()
        .map(|c| {
            let ty = match c.kind {
                Kind::Str => DataType::Utf8,
                Kind::Int => DataType::Int64,
                Kind::Bool => DataType::Boolean,
                Kind::Float => DataType::Float64,
            };
            Field::new(c.name, ty, true)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// A Parquet table streaming to `W`.
pub struct ParquetTable<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    builders: Vec<Builder>,
    rows: usize,
}

impl<W: Write + Send> ParquetTable<W> {
    pub fn new(out: W, columns: &[Column]) -> io::Result<Self> {
        let schema = schema(columns);
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(64 * 1024))
            .build();
        let writer =
            ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(io::Error::other)?;
        Ok(ParquetTable {
            writer,
            schema,
            builders: columns.iter().map(|c| Builder::new(c.kind)).collect(),
            rows: 0,
        })
    }

    fn flush_batch(&mut self) -> io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(io::Error::other)?;
        self.writer.write(&batch).map_err(io::Error::other)?;
        self.rows = 0;
        Ok(())
    }
}

impl<W: Write + Send> TableWriter for ParquetTable<W> {
    fn row(&mut self, cells: &[Value<'_>]) -> io::Result<()> {
        for (builder, cell) in self.builders.iter_mut().zip(cells) {
            builder.push(cell);
        }
        // A short row (a bug, not input) still keeps the columns aligned.
        for builder in self.builders.iter_mut().skip(cells.len()) {
            builder.push(&Value::Null);
        }
        self.rows += 1;
        if self.rows >= BATCH_ROWS {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.flush_batch()?;
        let mut out = self.writer.into_inner().map_err(io::Error::other)?;
        out.flush()
    }
}
