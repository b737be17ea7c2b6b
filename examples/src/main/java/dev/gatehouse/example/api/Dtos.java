package dev.gatehouse.example.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.core.SafeText;
import dev.gatehouse.example.data.Emails;
import dev.gatehouse.example.data.Note;
import dev.gatehouse.example.data.User;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** Request and response records: the API's own types, kept apart from the entities. */
public final class Dtos {

  private Dtos() {
  }

  /**
   * {@code POST /auth/register}. The email is canonicalised here, before validation, so the
   * constraints judge the spelling that is stored; the display name is text others may see.
   */
  public record RegisterRequest(
      @NotBlank @Email @SafeText @Size(max = 254) String email,
      @NotNull @Size(min = 12, max = 128) String password,
      @NotBlank @SafeText(max = 100) String displayName) {

    public RegisterRequest {
      email = Emails.canonical(email);
    }
  }

  /** {@code POST /auth/login}; the email canonicalised like at registration. */
  public record LoginRequest(
      @NotBlank @Size(max = 254) String email,
      @NotNull @Size(max = 128) String password) {

    public LoginRequest {
      email = Emails.canonical(email);
    }
  }

  /** {@code POST /auth/refresh} and {@code /auth/logout}. */
  public record RefreshRequest(
      @JsonProperty("refresh_token") @NotBlank @Size(max = 128) String refreshToken) {
  }

  /** {@code POST /notes}. */
  public record NoteCreate(
      @NotBlank @Size(min = 1, max = 200) String title,
      @Size(max = 10_000) String body) {
  }

  /** {@code PUT /notes/{id}}. */
  public record NoteUpdate(
      @NotBlank @Size(min = 1, max = 200) String title,
      @Size(max = 10_000) String body) {
  }

  /** {@code PUT /admin/users/{id}/roles}. */
  public record RolesUpdate(@NotNull @Size(max = 10) Set<@NotBlank @Size(max = 32) String> roles) {
  }

  /** A note as the API shows it. */
  public record NoteView(long id, String title, String body, Instant createdAt) {
    public static NoteView of(Note n) {
      return new NoteView(n.id, n.title, n.body, n.createdAt);
    }
  }

  /** A user as registration shows it. */
  public record UserView(long id, String email, String displayName) {
    public static UserView of(User u) {
      return new UserView(u.id, u.email, u.displayName);
    }
  }

  /** {@code GET /me}. */
  public record MeView(long id, String email, String displayName, Set<String> roles) {
    public static MeView of(User u) {
      return new MeView(u.id, u.email, u.displayName, new TreeSet<>(u.roles));
    }
  }

  /** A user as administrators see it. */
  public record AdminUserView(long id, String email, String displayName, Set<String> roles) {
    public static AdminUserView of(User u) {
      return new AdminUserView(u.id, u.email, u.displayName, new TreeSet<>(u.roles));
    }
  }

  /** {@code GET /health}. */
  public record Health(String status) {
  }
}
