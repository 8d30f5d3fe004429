//! The documented JSON Schema (docs/document.schema.json) matches what byline writes.

use byline::document::*;
use byline::{DocError, ErrorKind, Pipeline};
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/document.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("the schema itself is valid")
}

#[track_caller]
fn assert_valid(v: &jsonschema::Validator, value: &Value) {
    let errors: Vec<String> = v
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "output does not match the schema: {errors:#?}"
    );
}

fn span(text: &str, start: u32, end: u32) -> TextSpan {
    TextSpan {
        start,
        end,
        text: text
            .chars()
            .skip(start as usize)
            .take((end - start) as usize)
            .collect(),
    }
}

#[test]
fn every_layer_matches_the_schema() {
    let v = validator();
    let text = "“We won,” a senior official said. Mr. Smith agreed.";
    let mut doc = Pipeline::default()
        .annotate(Document::new("d", text))
        .unwrap();
    doc.meta.insert("outlet".into(), Value::from("Wire"));
    doc.entities.push(Entity {
        start: 38,
        end: 43,
        text: "Smith".into(),
        label: EntityLabel::PER,
        tokens: (11, 12),
        cluster: Some(0),
    });
    doc.clusters.push(EntityCluster {
        id: 0,
        canonical: "Smith".into(),
        label: EntityLabel::PER,
        mentions: vec![0],
    });
    doc.sources.push(Source {
        descriptor: Some(SourceDescriptor {
            number: Some("a".into()),
            role: Some("official".into()),
            seniority: Some("senior".into()),
            ..Default::default()
        }),
        ..Source::new(span(text, 10, 26), SourceKind::Anonymous)
    });
    doc.quotes.push(Quote {
        kind: QuoteKind::Direct,
        content: vec![span(text, 1, 7)],
        cue: Some(span(text, 27, 31)),
        source: Some(0),
        speaker: None,
        speaker_name: None,
        continues: None,
    });
    let value: Value = serde_json::from_str(&serde_json::to_string(&doc).unwrap()).unwrap();
    assert_valid(&v, &value);
    // And it reads back into the same document.
    let mut back: Document = serde_json::from_value(value).unwrap();
    back.reindex();
    assert_eq!(back, doc);
}

#[test]
fn error_records_match_the_schema() {
    let v = validator();
    let rec = DocError::new(ErrorKind::EmptyText, "empty").to_record("x");
    assert_valid(&v, &serde_json::to_value(rec).unwrap());
}

#[test]
fn samples_match_the_schema() {
    let v = validator();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples");
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let doc = Pipeline::default()
            .annotate(Document::new("s", text))
            .unwrap();
        assert_valid(&v, &serde_json::to_value(&doc).unwrap());
    }
}

#[test]
fn every_layers_preset_matches_the_schema_and_keeps_what_it_names() {
    let v = validator();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut doc = Pipeline::default()
        .annotate(Document::new("s", std::fs::read_to_string(path).unwrap()))
        .unwrap();
    doc.meta.insert("outlet".into(), Value::from("Wire"));
    let full = serde_json::to_value(&doc).unwrap();
    for spec in ["all", "slim", "quotes", "tokens", "quotes,text"] {
        let layers = Layers::parse(spec).unwrap();
        let value = serde_json::to_value(doc.with_layers(layers)).unwrap();
        assert_valid(&v, &value);
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        for always in ["schema_version", "id", "meta"] {
            assert!(keys.contains(&always), "{spec}: no {always} in {keys:?}");
        }
        for layer in Layer::ALL {
            assert_eq!(
                keys.contains(&layer.name()),
                layers.has(layer),
                "{spec}: {keys:?}"
            );
            if layers.has(layer) {
                // A layer written is the same as in the full record.
                assert_eq!(
                    value[layer.name()],
                    full[layer.name()],
                    "{spec}: {}",
                    layer.name()
                );
            }
        }
    }
}

#[test]
fn a_quote_record_carries_its_source_and_a_continuation_its_parents() {
    let text = "“We came to finish a deal,” a senior official said. “We will not sign a bad one.”";
    let doc = Pipeline::default()
        .annotate(Document::new("d", text))
        .unwrap();
    let value = serde_json::to_value(&doc).unwrap();
    let quotes = value["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 2, "{quotes:#?}");
    for q in quotes {
        assert_eq!(q["source_text"], "a senior official", "{q:#?}");
        assert_eq!(q["source_kind"], "anonymous");
        assert_eq!(q["anonymous"], true);
    }
    assert_eq!(quotes[1]["source"], Value::Null);
    assert_eq!(quotes[1]["continues"], 0);
    assert_eq!(
        doc.quote_sources()[1].map(|s| doc.sources[s as usize].mention.text.as_str()),
        Some("a senior official")
    );
    assert_eq!(doc.quote_sources().len(), 2);
}
