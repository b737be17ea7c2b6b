package dev.gatehouse.compat.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A JPA entity, as existing services have them: never in or out of the API itself. */
@Entity
@Table(name = "compat_gadget")
public class Gadget {

  @Id
  @GeneratedValue
  private Long id;
  @Column(nullable = false, length = 200)
  private String owner;
  @Column(nullable = false, length = 50)
  private String name;
  private int quantity;

  protected Gadget() {
  }

  public Gadget(String owner, String name, int quantity) {
    this.owner = owner;
    this.name = name;
    this.quantity = quantity;
  }

  public Long getId() {
    return id;
  }

  public String getOwner() {
    return owner;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public int getQuantity() {
    return quantity;
  }

  public void setQuantity(int quantity) {
    this.quantity = quantity;
  }
}
