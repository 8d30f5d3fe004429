//! The accurate pipeline's pieces, shared by `annotate` and `eval quotes`: the encoder
//! stage (feature `transformer`) and the quotes stage's encoder proposer.

use super::annotate::Device;
use anyhow::Result;
use std::path::PathBuf;

/// Where and how the attribution encoder runs.
pub struct Encoder {
    /// --encoder-model; `None`: `models/encoder` here, else the one in the source tree
    /// byline was built from.
    pub dir: Option<PathBuf>,
    pub device: Device,
    pub threads: Option<usize>,
}

impl Encoder {
    pub fn dir(&self) -> PathBuf {
        if let Some(dir) = &self.dir {
            return dir.clone();
        }
        let here = PathBuf::from("models/encoder");
        if here.is_dir() {
            return here;
        }
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/models/encoder"))
    }

    /// The `encoder` stage.
    #[cfg(feature = "transformer")]
    pub fn stage(&self) -> Result<Box<dyn byline::Processor>> {
        use anyhow::Context;
        use byline::transformer::{AttributionEncoder, TransformerOptions};
        let dir = self.dir();
        let options = TransformerOptions {
            device: device_choice(self.device),
            batch_size: 32,
            threads: self.threads,
            ..TransformerOptions::default()
        };
        let enc = AttributionEncoder::new(&dir, options)
            .with_context(|| format!("cannot load the attribution encoder {}", dir.display()))?;
        Ok(Box::new(enc))
    }

    #[cfg(not(feature = "transformer"))]
    pub fn stage(&self) -> Result<Box<dyn byline::Processor>> {
        let _ = (self.dir(), self.device, self.threads);
        anyhow::bail!(
            "--pipeline accurate needs a byline built with the transformer backend: \
             `scripts/setup-transformer.sh` then `scripts/cargo-transformer.sh build --release` \
             (cargo's feature `transformer`; see the README's 'Accurate pipeline' section)"
        )
    }
}

#[cfg(feature = "transformer")]
pub fn device_choice(d: Device) -> byline::transformer::DeviceChoice {
    use byline::transformer::DeviceChoice;
    match d {
        Device::Auto => DeviceChoice::Auto,
        Device::Cpu => DeviceChoice::Cpu,
        Device::Cuda => DeviceChoice::Cuda,
    }
}

/// The encoder proposer of the accurate pipeline's quotes stage, with its shipped
/// thresholds.
pub fn proposer() -> byline::quotes::EncoderCues {
    byline::quotes::EncoderCues::default()
}
