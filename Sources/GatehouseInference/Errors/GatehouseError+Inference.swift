public import GatehouseCore

extension GatehouseError.Code {
    /// A model file is missing, unreadable, malformed, or outside the reader's safety limits.
    public static let modelInvalid = Self(rawValue: "model_invalid")
    /// No model, alias or stored model has the name asked for.
    public static let modelNotFound = Self(rawValue: "model_not_found")
    /// An rpm or tpm limit is reached for now; the message names the limit.
    public static let rateLimited = Self(rawValue: "rate_limited")
    /// A monthly budget is spent; the message names the limit.
    public static let budgetExceeded = Self(rawValue: "budget_exceeded")
    /// A remote upstream could not be reached or answered with a failure.
    public static let upstreamFailed = Self(rawValue: "upstream_failed")
    /// No local engine can serve the model now (starting failed, crashed and backing off).
    public static let engineUnavailable = Self(rawValue: "engine_unavailable")
    /// Loading the model would exceed the memory budget for loaded models.
    public static let insufficientMemory = Self(rawValue: "insufficient_memory")
    /// An engine answered with something that is not the protocol it speaks (malformed JSON,
    /// tool-call arguments that are not an object, an over-long stream event).
    public static let engineInvalid = Self(rawValue: "engine_invalid")
}

extension GatehouseError {
    /// A `badRequest` error naming the offending field.
    static func bad(_ message: String) -> GatehouseError {
        GatehouseError(.badRequest, message)
    }

    /// An `engineInvalid` error naming the offending part of the engine's answer.
    static func engine(_ message: String) -> GatehouseError {
        GatehouseError(.engineInvalid, "engine response: " + message)
    }
}
