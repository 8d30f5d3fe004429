//! Which layers an output record carries (`byline annotate --layers`).
//!
//! A record always has `schema_version`, `id` and `meta` (when there is any); every
//! other field is a layer that can be left out. Leaving one out changes nothing in
//! the others: offsets stay code points into `text`, indices keep pointing where
//! they did (an entity's `tokens` still counts tokens when the token layer is not
//! written), so a slim record holds the same values as a full one, minus fields.

use std::fmt;

/// One field of the output record that `--layers` can keep or drop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    Text,
    Paragraphs,
    Sentences,
    Tokens,
    Entities,
    Clusters,
    Quotes,
    Sources,
    Summary,
}

impl Layer {
    /// Every layer, in the order the record writes them.
    pub const ALL: [Layer; 9] = [
        Layer::Text,
        Layer::Paragraphs,
        Layer::Sentences,
        Layer::Tokens,
        Layer::Entities,
        Layer::Clusters,
        Layer::Quotes,
        Layer::Sources,
        Layer::Summary,
    ];

    /// The field's name in the JSON record.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Text => "text",
            Layer::Paragraphs => "paragraphs",
            Layer::Sentences => "sentences",
            Layer::Tokens => "tokens",
            Layer::Entities => "entities",
            Layer::Clusters => "clusters",
            Layer::Quotes => "quotes",
            Layer::Sources => "sources",
            Layer::Summary => "summary",
        }
    }

    fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// A set of layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layers(u16);

/// The named sets `--layers` accepts, with what each holds.
pub const PRESETS: [(&str, Layers, &str); 3] = [
    ("all", Layers::ALL, "every layer (the default)"),
    (
        "slim",
        Layers::SLIM,
        "text, entities, clusters, quotes, sources, summary: no tokens, sentences or \
         paragraphs, for analytics (a third of the size of `all` on news)",
    ),
    (
        "quotes",
        Layers::QUOTES,
        "quotes, sources and summary only: who said what, without the text",
    ),
];

impl Layers {
    pub const ALL: Layers = Layers(0x1ff);
    pub const SLIM: Layers = Layers(
        (1 << Layer::Text as u16)
            | (1 << Layer::Entities as u16)
            | (1 << Layer::Clusters as u16)
            | (1 << Layer::Quotes as u16)
            | (1 << Layer::Sources as u16)
            | (1 << Layer::Summary as u16),
    );
    pub const QUOTES: Layers = Layers(
        (1 << Layer::Quotes as u16) | (1 << Layer::Sources as u16) | (1 << Layer::Summary as u16),
    );
    pub const NONE: Layers = Layers(0);

    pub fn has(self, layer: Layer) -> bool {
        self.0 & layer.bit() != 0
    }

    pub fn with(self, layer: Layer) -> Layers {
        Layers(self.0 | layer.bit())
    }

    /// The layers in this set, in record order.
    pub fn iter(self) -> impl Iterator<Item = Layer> {
        Layer::ALL.into_iter().filter(move |&l| self.has(l))
    }

    /// Parse `--layers`: comma-separated preset names and layer names, united
    /// (`slim`, `quotes,text`, `entities,quotes`).
    pub fn parse(spec: &str) -> Result<Layers, String> {
        let mut layers = Layers::NONE;
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if let Some((_, preset, _)) = PRESETS.iter().find(|(name, _, _)| *name == item) {
                layers = Layers(layers.0 | preset.0);
            } else if let Some(layer) = Layer::ALL.into_iter().find(|l| l.name() == item) {
                layers = layers.with(layer);
            } else {
                let names: Vec<&str> = Layer::ALL.iter().map(|l| l.name()).collect();
                let presets: Vec<&str> = PRESETS.iter().map(|p| p.0).collect();
                return Err(format!(
                    "unknown layer '{item}'; layers: {}; presets: {}",
                    names.join(", "),
                    presets.join(", ")
                ));
            }
        }
        if layers == Layers::NONE {
            return Err(
                "--layers names no layer; give a preset (all, slim, quotes) or layer names"
                    .to_string(),
            );
        }
        Ok(layers)
    }
}

impl Default for Layers {
    fn default() -> Self {
        Layers::ALL
    }
}

impl fmt::Display for Layers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.iter().map(Layer::name).collect();
        f.write_str(&names.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_and_names_parse_and_unite() {
        assert_eq!(Layers::parse("all"), Ok(Layers::ALL));
        assert_eq!(
            Layers::parse("slim").unwrap().to_string(),
            "text,entities,clusters,quotes,sources,summary"
        );
        assert_eq!(
            Layers::parse("quotes,text").unwrap().to_string(),
            "text,quotes,sources,summary"
        );
        assert_eq!(Layers::parse("tokens").unwrap().to_string(), "tokens");
        assert!(Layers::parse("slim,words")
            .unwrap_err()
            .contains("unknown layer 'words'"));
        assert!(Layers::parse(" , ").is_err());
    }
}
