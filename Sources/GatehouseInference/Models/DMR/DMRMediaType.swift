/// Media types of Docker Model Runner's OCI model artifacts (docker/model-runner,
/// `pkg/distribution/types`).
package enum DMRMediaType {
    /// The manifest: a plain OCI image manifest (no `artifactType`).
    package static let manifest = "application/vnd.oci.image.manifest.v1+json"
    /// An OCI image index, which a model reference must not resolve to here.
    package static let imageIndex = "application/vnd.oci.image.index.v1+json"
    /// The model config JSON, v0.1 (one layer per model file type; what `docker model package` writes).
    package static let configV01 = "application/vnd.docker.ai.model.config.v0.1+json"
    /// The model config JSON, v0.2 (layer per file, with `org.cncf.model.filepath` annotations).
    package static let configV02 = "application/vnd.docker.ai.model.config.v0.2+json"
    /// A GGUF v3 model file.
    package static let gguf = "application/vnd.docker.ai.gguf.v3"
    /// A plain-text licence.
    package static let license = "application/vnd.docker.ai.license"
    /// A multimodal projector (GGUF `mmproj`).
    package static let multimodalProjector = "application/vnd.docker.ai.mmproj"
    /// A Jinja chat template.
    package static let chatTemplate = "application/vnd.docker.ai.chat.template.jinja"
    /// Safetensors weights (not served by Gatehouse).
    package static let safetensors = "application/vnd.docker.ai.safetensors"
}

/// Layer annotation keys Docker Model Runner writes on each file layer.
package enum DMRAnnotation {
    /// The file's path inside the model (the base name for single files).
    package static let filePath = "org.cncf.model.filepath"
    /// JSON of the file's metadata: name, mode, uid, gid, size, mtime, typeflag.
    package static let fileMetadata = "org.cncf.model.file.metadata+json"
    /// `"false"` when the packager classified the media type itself.
    package static let mediaTypeUntested = "org.cncf.model.file.mediatype.untested"
}
