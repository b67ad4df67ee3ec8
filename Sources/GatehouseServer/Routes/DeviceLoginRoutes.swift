import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseStore
import Hummingbird
import NIOCore

/// CLI sign-in through Gatehouse (`gatehouse login`): Gatehouse runs the provider's device
/// grant (RFC 8628) and, once the person approves, verifies the ID token, decides
/// `identity.login` by policy and issues a Gatehouse access token.
///
/// The device code travels to the CLI only inside a sealed handle (AES-GCM under a key derived
/// from the audit signing key), so any replica can continue the flow and nothing is stored.
struct DeviceLoginRoutes: Sendable {
    let signIn: SignIn
    let runtime: OIDCRuntime
    let handles: SealedHandle

    struct Pending: Codable {
        let deviceCode: String
        let expiresMicros: Int64
    }

    func register(on router: Router<some RequestContext>) {
        router.post("/auth/device") { _, _ -> Response in
            let (metadata, _) = try await runtime.provider()
            let authorization = try await runtime.client.startDeviceAuthorization(metadata: metadata)
            let expires = WallClock.nowMicros() + Int64(max(1, min(authorization.expiresIn, 3_600))) * 1_000_000
            let handle = try handles.seal(Pending(deviceCode: authorization.deviceCode, expiresMicros: expires))
            return JSONBody.response(
                DeviceStart(
                    handle: handle, userCode: authorization.userCode, verificationURI: authorization.verificationURI,
                    verificationURIComplete: authorization.verificationURIComplete,
                    interval: max(1, authorization.interval ?? 5), expiresIn: authorization.expiresIn))
        }
        router.post("/auth/device/token") { request, _ -> Response in
            let body = try await TokenRoutes.body(request)
            guard let wire = try? JSONDecoder().decode([String: String].self, from: Data(body.readableBytesView)),
                let text = wire["handle"]
            else { throw GatehouseError(.badRequest, "the body must be {\"handle\": \"…\"}") }
            let pending = try handles.open(text, as: Pending.self)
            guard WallClock.nowMicros() < pending.expiresMicros else {
                throw GatehouseError(.unauthenticated, "the sign-in code has expired; run gatehouse login again")
            }
            return try await poll(pending, traceparent: request.headers[.init("traceparent")!])
        }
    }

    private func poll(_ pending: Pending, traceparent: String?) async throws -> Response {
        let (metadata, _) = try await runtime.provider()
        let outcome = try await runtime.client.pollDevice(deviceCode: pending.deviceCode, metadata: metadata)
        switch outcome {
        case .pending: return JSONBody.response(status: .accepted, ["status": "authorization_pending"])
        case .slowDown: return JSONBody.response(status: .accepted, ["status": "slow_down"])
        case .denied, .expired, .tokens: break
        }
        let (record, secret) = try await signIn.admit(
            resource: "cli", traceparent: traceparent, authMethod: .accessToken, name: "gatehouse login"
        ) {
            switch outcome {
            case .tokens(let tokens): return try await runtime.person(from: tokens, nonce: nil)
            case .denied: throw GatehouseError(.unauthenticated, "the sign-in was denied at the identity provider")
            default: throw GatehouseError(.unauthenticated, "the sign-in code has expired; run gatehouse login again")
            }
        }
        return JSONBody.response(
            DeviceSignedIn(
                token: TokenBody(record, secret: secret), issuer: record.principal.issuer,
                subject: record.principal.subject, groups: record.principal.groups))
    }
}

/// `POST /auth/device`: what the CLI shows and the handle it polls with.
public struct DeviceStart: Codable, Sendable {
    public let handle: String
    public let userCode: String
    public let verificationURI: String
    public let verificationURIComplete: String?
    public let interval: Int
    public let expiresIn: Int

    enum CodingKeys: String, CodingKey {
        case handle, interval
        case userCode = "user_code"
        case verificationURI = "verification_uri"
        case verificationURIComplete = "verification_uri_complete"
        case expiresIn = "expires_in"
    }
}

/// `POST /auth/device/token` once approved: the new token (shown once) and who it is for.
public struct DeviceSignedIn: Codable, Sendable {
    public let token: TokenBody
    public let issuer: String
    public let subject: String
    public let groups: [String]
}
