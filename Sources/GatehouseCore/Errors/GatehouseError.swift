/// The one error type that crosses layer boundaries: an extensible code plus a message that
/// is safe to show to the caller (it never contains secrets).
///
/// The HTTP status for each code is chosen in one place, in the server.
public struct GatehouseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An extensible error code; later layers add their own static members.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The wire form, e.g. `unauthenticated`.
        public let rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The wire form.
        public var description: String { rawValue }

        /// No valid credential.
        public static let unauthenticated = Code(rawValue: "unauthenticated")
        /// The policy denied the action.
        public static let forbidden = Code(rawValue: "forbidden")
        /// Malformed request input.
        public static let badRequest = Code(rawValue: "bad_request")
        /// No such thing.
        public static let notFound = Code(rawValue: "not_found")
        /// The request conflicts with what exists (a taken unique name).
        public static let conflict = Code(rawValue: "conflict")
        /// An `If-Match` precondition did not hold: the resource changed since it was read.
        public static let preconditionFailed = Code(rawValue: "precondition_failed")
        /// The request body exceeds a size limit.
        public static let payloadTooLarge = Code(rawValue: "payload_too_large")
        /// The store cannot be reached or failed.
        public static let storeUnavailable = Code(rawValue: "store_unavailable")
        /// The configuration is invalid.
        public static let invalidConfig = Code(rawValue: "invalid_config")
        /// The audit chain failed verification.
        public static let auditTampered = Code(rawValue: "audit_tampered")
        /// The server is shutting down or not ready.
        public static let unavailable = Code(rawValue: "unavailable")
        /// An unexpected internal failure.
        public static let `internal` = Code(rawValue: "internal")
    }

    /// What kind of failure.
    public var code: Code
    /// A message safe for the caller.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
