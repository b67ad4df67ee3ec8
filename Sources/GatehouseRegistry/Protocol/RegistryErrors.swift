public import GatehouseCore

/// The OCI distribution spec's error codes, as Gatehouse error codes; the server maps them to
/// HTTP statuses (in its one place) and renders them as `{"errors": [{code, message}]}`.
extension GatehouseError.Code {
    /// A digest that is malformed or does not match the content.
    public static let ociDigestInvalid = Self(rawValue: "DIGEST_INVALID")
    /// A repository name that is not valid.
    public static let ociNameInvalid = Self(rawValue: "NAME_INVALID")
    /// The repository is not known upstream.
    public static let ociNameUnknown = Self(rawValue: "NAME_UNKNOWN")
    /// The manifest is not known upstream.
    public static let ociManifestUnknown = Self(rawValue: "MANIFEST_UNKNOWN")
    /// A manifest that cannot be parsed, or is too large.
    public static let ociManifestInvalid = Self(rawValue: "MANIFEST_INVALID")
    /// The blob is not known upstream.
    public static let ociBlobUnknown = Self(rawValue: "BLOB_UNKNOWN")
    /// An operation Gatehouse does not offer (pushes, deletes).
    public static let ociUnsupported = Self(rawValue: "UNSUPPORTED")
    /// The upstream registry failed or could not be reached.
    public static let ociUpstreamFailed = Self(rawValue: "UPSTREAM_FAILED")
    /// A requested range cannot be served.
    public static let ociRangeInvalid = Self(rawValue: "RANGE_INVALID")
}
