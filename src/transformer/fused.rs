//! The encoder's forward pass written directly on libtorch's fused kernels.
//!
//! rust-bert builds the model and loads its weights (its module tree names the parameters
//! exactly as Hugging Face does); this module then runs inference over those same
//! parameter tensors with the kernels PyTorch itself uses: one `linear` (addmm) per
//! projection, `scaled_dot_product_attention` (one fused attention kernel instead of
//! matmul → add mask → softmax → matmul), the built-in `gelu` (rust-bert composes it from
//! five element-wise passes over the largest activation) and `layer_norm` with the epsilon
//! from `config.json` (rust-bert fixes it at 1e-12; RoBERTa models use 1e-5). The result
//! is what PyTorch computes, faster; the logit-parity tests check it against PyTorch.
//!
//! When the parameters or the activation are not what this module knows, `FusedEncoder::new`
//! returns `None` and the stage keeps rust-bert's own forward pass.

use super::config::Architecture;
use serde_json::Value;
use std::collections::HashMap;
use tch::{Kind, TchError, Tensor};

struct Linear {
    weight: Tensor,
    bias: Tensor,
}

impl Linear {
    fn apply(&self, x: &Tensor) -> Result<Tensor, TchError> {
        x.f_linear(&self.weight, Some(&self.bias))
    }
}

struct LayerNorm {
    weight: Tensor,
    bias: Tensor,
    eps: f64,
}

impl LayerNorm {
    fn apply(&self, x: &Tensor) -> Result<Tensor, TchError> {
        let size = self.weight.size();
        x.f_layer_norm(size, Some(&self.weight), Some(&self.bias), self.eps, true)
    }
}

#[derive(Clone, Copy)]
enum Activation {
    Gelu,
    GeluTanh,
    Relu,
}

impl Activation {
    fn from_name(name: &str) -> Option<Activation> {
        match name {
            "gelu" => Some(Activation::Gelu),
            "gelu_new" | "gelu_pytorch_tanh" => Some(Activation::GeluTanh),
            "relu" => Some(Activation::Relu),
            _ => None,
        }
    }

    fn apply(self, x: &Tensor) -> Result<Tensor, TchError> {
        match self {
            Activation::Gelu => x.f_gelu("none"),
            Activation::GeluTanh => x.f_gelu("tanh"),
            Activation::Relu => x.f_relu(),
        }
    }
}

/// One post-norm transformer layer (BERT, RoBERTa and DistilBERT share the shape).
struct Layer {
    query: Linear,
    key: Linear,
    value: Linear,
    attention_out: Linear,
    attention_norm: LayerNorm,
    intermediate: Linear,
    output: Linear,
    output_norm: LayerNorm,
}

/// Inference-only encoder + token-classification head over rust-bert's parameters.
pub struct FusedEncoder {
    word: Tensor,
    position: Tensor,
    /// Row 0 of the token-type table (byline feeds one segment); DistilBERT has none.
    token_type: Option<Tensor>,
    embedding_norm: LayerNorm,
    layers: Vec<Layer>,
    classifier: Linear,
    heads: i64,
    activation: Activation,
}

/// Parameter names, as rust-bert (and Hugging Face) write them, for one architecture.
struct Names {
    prefix: &'static str,
    layers: &'static str,
    query: &'static str,
    key: &'static str,
    value: &'static str,
    attention_out: &'static str,
    attention_norm: &'static str,
    intermediate: &'static str,
    output: &'static str,
    output_norm: &'static str,
}

const BERT_LAYER: Names = Names {
    prefix: "bert",
    layers: "encoder.layer",
    query: "attention.self.query",
    key: "attention.self.key",
    value: "attention.self.value",
    attention_out: "attention.output.dense",
    attention_norm: "attention.output.LayerNorm",
    intermediate: "intermediate.dense",
    output: "output.dense",
    output_norm: "output.LayerNorm",
};

const DISTILBERT_LAYER: Names = Names {
    prefix: "distilbert",
    layers: "transformer.layer",
    query: "attention.q_lin",
    key: "attention.k_lin",
    value: "attention.v_lin",
    attention_out: "attention.out_lin",
    attention_norm: "sa_layer_norm",
    intermediate: "ffn.lin1",
    output: "ffn.lin2",
    output_norm: "output_layer_norm",
};

impl FusedEncoder {
    /// Take the parameters of a loaded rust-bert model; `None` when something is not
    /// where this module expects it (the caller then keeps rust-bert's forward pass).
    pub fn new(
        architecture: Architecture,
        config: &Value,
        vars: &HashMap<String, Tensor>,
    ) -> Option<FusedEncoder> {
        let names = match architecture {
            Architecture::Bert => BERT_LAYER,
            Architecture::Roberta => Names {
                prefix: "roberta",
                ..BERT_LAYER
            },
            Architecture::DistilBert => DISTILBERT_LAYER,
        };
        let get = |name: &str| vars.get(name).map(Tensor::shallow_clone);
        let int = |key: &str| config.get(key).and_then(Value::as_i64);
        let eps = config
            .get("layer_norm_eps")
            .and_then(Value::as_f64)
            .unwrap_or(1e-12);
        let (heads, activation) = match architecture {
            Architecture::DistilBert => (
                int("n_heads")?,
                config
                    .get("activation")
                    .and_then(Value::as_str)
                    .unwrap_or("gelu"),
            ),
            _ => (
                int("num_attention_heads")?,
                config
                    .get("hidden_act")
                    .and_then(Value::as_str)
                    .unwrap_or("gelu"),
            ),
        };
        let activation = Activation::from_name(activation)?;
        let linear = |name: &str| {
            Some(Linear {
                weight: get(&format!("{name}.weight"))?,
                bias: get(&format!("{name}.bias"))?,
            })
        };
        let norm = |name: &str| {
            Some(LayerNorm {
                weight: get(&format!("{name}.weight"))?,
                bias: get(&format!("{name}.bias"))?,
                eps,
            })
        };
        let p = names.prefix;
        let mut layers = Vec::new();
        loop {
            let l = format!("{p}.{}.{}", names.layers, layers.len());
            if !vars.contains_key(&format!("{l}.{}.weight", names.query)) {
                break;
            }
            layers.push(Layer {
                query: linear(&format!("{l}.{}", names.query))?,
                key: linear(&format!("{l}.{}", names.key))?,
                value: linear(&format!("{l}.{}", names.value))?,
                attention_out: linear(&format!("{l}.{}", names.attention_out))?,
                attention_norm: norm(&format!("{l}.{}", names.attention_norm))?,
                intermediate: linear(&format!("{l}.{}", names.intermediate))?,
                output: linear(&format!("{l}.{}", names.output))?,
                output_norm: norm(&format!("{l}.{}", names.output_norm))?,
            });
        }
        if layers.is_empty() {
            return None;
        }
        let token_type = match architecture {
            Architecture::DistilBert => None,
            _ => Some(
                get(&format!("{p}.embeddings.token_type_embeddings.weight"))?
                    .f_get(0)
                    .ok()?,
            ),
        };
        Some(FusedEncoder {
            word: get(&format!("{p}.embeddings.word_embeddings.weight"))?,
            position: get(&format!("{p}.embeddings.position_embeddings.weight"))?,
            token_type,
            embedding_norm: norm(&format!("{p}.embeddings.LayerNorm"))?,
            layers,
            classifier: linear("classifier")?,
            heads,
            activation,
        })
    }

    /// Logits `[batch, len, labels]` for ids, attention mask (1 = token, 0 = padding) and
    /// position ids, all `[batch, len]`. Call under `tch::no_grad`.
    pub fn forward(
        &self,
        ids: &Tensor,
        mask: &Tensor,
        positions: &Tensor,
    ) -> Result<Tensor, TchError> {
        let (b, l) = ids.size2()?;
        let mut x = Tensor::f_embedding(&self.word, ids, -1, false, false)?.f_add(
            &Tensor::f_embedding(&self.position, positions, -1, false, false)?,
        )?;
        if let Some(t) = &self.token_type {
            x = x.f_add(t)?;
        }
        let mut x = self.embedding_norm.apply(&x)?;
        // Which keys each query may attend to: true for real tokens, broadcast over heads
        // and queries.
        let keep = mask.f_to_kind(Kind::Bool)?.f_view([b, 1, 1, l])?;
        let hidden = x.size().last().copied().unwrap_or(0);
        let head_dim = hidden / self.heads;
        let split = |t: Tensor| -> Result<Tensor, TchError> {
            t.f_view([b, l, self.heads, head_dim])?.f_transpose(1, 2)
        };
        for layer in &self.layers {
            let q = split(layer.query.apply(&x)?)?;
            let k = split(layer.key.apply(&x)?)?;
            let v = split(layer.value.apply(&x)?)?;
            let context = Tensor::f_scaled_dot_product_attention(
                &q,
                &k,
                &v,
                Some(&keep),
                0.0,
                false,
                None::<f64>,
            )?
            .f_transpose(1, 2)?
            .f_reshape([b, l, hidden])?;
            let attended = layer.attention_out.apply(&context)?.f_add(&x)?;
            x = layer.attention_norm.apply(&attended)?;
            let inner = self.activation.apply(&layer.intermediate.apply(&x)?)?;
            let out = layer.output.apply(&inner)?.f_add(&x)?;
            x = layer.output_norm.apply(&out)?;
        }
        self.classifier.apply(&x)
    }
}
