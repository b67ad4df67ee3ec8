public import GatehouseCore

extension GatehouseError.Code {
    /// A file or image the scanner reads is malformed or beyond its limits.
    public static let scanInputInvalid = Self(rawValue: "scan_input_invalid")
    /// A vulnerability record (OSV) or VEX document is malformed.
    public static let vulnDataInvalid = Self(rawValue: "vulndb_invalid")
    /// A version string that its scheme cannot read.
    public static let versionInvalid = Self(rawValue: "version_invalid")
}
