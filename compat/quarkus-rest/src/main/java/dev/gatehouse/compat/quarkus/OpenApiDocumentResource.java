package dev.gatehouse.compat.quarkus;

import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The OpenAPI document Quarkus generated, with its run-time filters applied ({@code mp.openapi.filter},
 * e.g. Gatehouse's {@code GatehouseOpenApiFilter}), served by the application so that Gatehouse's docs
 * gate decides who reads it: 404 unless {@code gatehouse.docs.enabled=true}, then only
 * {@code gatehouse.docs.roles} — hence {@code @PermitAll} here. quarkus-smallrye-openapi prepares the
 * document in {@link OpenApiDocumentService} at start-up whether or not its own {@code /q/openapi}
 * is enabled ({@code quarkus.smallrye-openapi.enabled} only swaps that route's handler for a 404).
 */
@Path("openapi")
@PermitAll
public class OpenApiDocumentResource {

  @Inject
  OpenApiDocumentService documents;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public byte[] document() {
    return documents.getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME, Format.JSON);
  }
}
