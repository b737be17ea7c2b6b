package dev.gatehouse.example.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.time.Instant;

/** A note, owned by one user. Never leaves the API: responses use NoteView. */
@Entity
public class Note {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "owner_id")
  public User owner;

  @Column(nullable = false, length = 200)
  public String title;

  @Column(nullable = false, length = 10000)
  public String body;

  @Column(nullable = false)
  public Instant createdAt;
}
