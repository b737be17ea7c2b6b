package dev.gatehouse.core.apifixture;

import dev.gatehouse.core.internal.Cidr;
import java.util.List;
import java.util.function.Supplier;

/** An API that leaks internal types in each way a signature can: {@code PublicApi} must say so. */
public class LeakyApi {

  public Cidr returned() {
    return null;
  }

  public void parameter(List<? extends Cidr> hidden) {
  }

  protected Supplier<Cidr[]> protectedGenericArray() {
    return null;
  }

  /** Not API: package-private members may use anything. */
  Cidr packagePrivate() {
    return null;
  }

  /** Not API: a private nested type is not reachable. */
  private static final class Hidden {
    public Cidr fine() {
      return null;
    }
  }
}
