import Testing

@testable import GatehouseMCP

@Suite struct JWTRuleTests {
    @Test func jwt() {
        let jwt = Fake.jwt()
        expectSingle("jwt", in: "id_token=\(jwt)&state=abc", covering: jwt)
        expectSingle("jwt", in: #"{"access_token":"\#(jwt)","expires_in":3600}"#, covering: jwt)
    }

    @Test func unsignedJWT() {
        let jwt = Fake.base64URLEncoded(#"{"alg":"none"}"#) + "." + Fake.base64URLEncoded(#"{"sub":"me"}"#) + "."
        expectSingle("jwt", in: "token \(jwt) ", covering: jwt)
    }

    @Test func lookalikesAreNotJWTs() {
        // Header without "alg".
        expectClean(
            Fake.base64URLEncoded(#"{"typ":"JWT","kid":"1"}"#) + "." + Fake.base64URLEncoded(#"{"sub":"1"}"#) + "."
                + Fake.string(43, from: Fake.base64URL, seed: 61))
        // Payload that is not JSON.
        expectClean(
            Fake.base64URLEncoded(#"{"alg":"HS256"}"#) + ".eyJub3QganNvbg." + Fake.string(43, from: Fake.base64URL))
        // Only two segments.
        expectClean(Fake.base64URLEncoded(#"{"alg":"HS256"}"#) + "." + Fake.base64URLEncoded(#"{"sub":"1"}"#))
        // Dotted version strings and hostnames.
        expectClean("eyJhbGciOi.eyJzdWIi.example.com")
    }
}
