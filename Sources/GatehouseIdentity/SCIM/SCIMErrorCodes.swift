public import GatehouseCore

extension GatehouseError.Code {
    /// A PATCH path or filter names an attribute the resource does not have (`invalidPath`).
    public static let invalidPath = GatehouseError.Code(rawValue: "invalid_path")
    /// A value has the wrong type, or a required one is missing (`invalidValue`).
    public static let invalidValue = GatehouseError.Code(rawValue: "invalid_value")
    /// The request body is not a well-formed SCIM message (`invalidSyntax`).
    public static let invalidSyntax = GatehouseError.Code(rawValue: "invalid_syntax")
    /// The request tries to change a read-only or immutable attribute (`mutability`).
    public static let mutability = GatehouseError.Code(rawValue: "mutability")
    /// A PATCH value filter matched nothing to remove or replace (`noTarget`).
    public static let noTarget = GatehouseError.Code(rawValue: "no_target")
    /// The endpoint does not support the method (the discovery endpoints are read-only).
    public static let methodNotAllowed = GatehouseError.Code(rawValue: "method_not_allowed")
    /// Too many results or operations (`tooMany`).
    public static let tooMany = GatehouseError.Code(rawValue: "too_many")
}

/// The SCIM `scimType` of each Gatehouse error code (RFC 7644 §3.12), where one applies.
public enum SCIMErrorType {
    /// The `scimType` for `code`, or nil.
    public static func of(_ code: GatehouseError.Code) -> String? {
        switch code {
        case .invalidFilter: "invalidFilter"
        case .invalidPath: "invalidPath"
        case .invalidValue, .badRequest: "invalidValue"
        case .invalidSyntax: "invalidSyntax"
        case .mutability: "mutability"
        case .noTarget: "noTarget"
        case .tooMany: "tooMany"
        case .conflict: "uniqueness"
        default: nil
        }
    }
}
