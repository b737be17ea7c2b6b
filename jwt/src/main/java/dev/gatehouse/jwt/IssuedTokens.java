package dev.gatehouse.jwt;

/**
 * What a login or a refresh returns, in the OAuth 2.0 token-response shape (RFC 6749 §5.1):
 * {@code {access_token, refresh_token, token_type: "Bearer", expires_in}}. Its
 * {@link #toString()} never shows the tokens. Written by Gatehouse's own writer, in that shape
 * whatever JSON binding the application uses.
 *
 * @param accessToken the signed JWT
 * @param refreshToken the opaque refresh token
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the access token expires
 */
public record IssuedTokens(
    String accessToken,
    String refreshToken,
    String tokenType,
    long expiresIn) {

  public IssuedTokens(String accessToken, String refreshToken, long expiresIn) {
    this(accessToken, refreshToken, "Bearer", expiresIn);
  }

  @Override
  public String toString() {
    return "IssuedTokens[access_token=***, refresh_token=***, expires_in=" + expiresIn + "]";
  }
}
