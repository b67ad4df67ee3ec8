import Foundation
import GatehouseCore

@testable import GatehouseInference

/// Parses JSON text written in a test; a malformed literal is a test bug, so it traps.
func json(_ text: String) -> JSONValue {
    guard let value = JSONValue.parse(Data(text.utf8)) else { fatalError("bad test JSON: \(text)") }
    return value
}

/// A bad-request error with `message`.
func bad(_ message: String) -> GatehouseError {
    GatehouseError(.badRequest, message)
}

/// An engine-invalid error with `message`.
func engine(_ message: String) -> GatehouseError {
    GatehouseError(.engineInvalid, "engine response: " + message)
}

/// A fixed instant: 2024-05-14T11:05:21.765432Z.
let fixedDate = Date(timeIntervalSince1970: 1_715_684_721.765432)
