//! Criterion benchmarks of segmentation and of the default pipeline, per core,
//! on a synthetic news corpus (`byline::corpus::synthetic`). Throughput is in bytes.
//!
//!     cargo bench --bench segment

use byline::corpus::synthetic;
use byline::{Document, Pipeline, Segmenter};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

fn corpus() -> Vec<Document> {
    (0..500)
        .map(|i| Document::new(i.to_string(), synthetic::article(42, i)))
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut group = c.benchmark_group("news");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);

    let segmenter = Segmenter::new();
    let mut scratch = docs.clone();
    group.bench_function("segment", |b| {
        b.iter(|| {
            for d in scratch.iter_mut() {
                segmenter.segment(d);
            }
            black_box(&scratch);
        })
    });

    let pipeline = Pipeline::default();
    group.bench_function("pipeline+json", |b| {
        let mut buf = Vec::with_capacity(1 << 20);
        b.iter(|| {
            for d in &docs {
                buf.clear();
                if let Ok(doc) = pipeline.annotate(d.clone()) {
                    serde_json::to_writer(&mut buf, &doc).unwrap();
                }
                black_box(&buf);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
