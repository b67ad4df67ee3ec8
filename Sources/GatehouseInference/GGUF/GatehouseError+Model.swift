public import GatehouseCore

extension GatehouseError.Code {
    /// A model file is missing, unreadable, malformed, or outside the reader's safety limits.
    public static let modelInvalid = Self(rawValue: "model_invalid")
}
