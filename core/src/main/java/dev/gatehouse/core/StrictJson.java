package dev.gatehouse.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The strict Jackson configuration Gatehouse reads request bodies with. It refuses unknown
 * properties, duplicate keys, scalar coercion (number or boolean to string, string to number,
 * float to int, single value to array and back), {@code null} for primitives, trailing tokens,
 * comments, single quotes, unquoted names, NaN and Infinity, and enforces stream limits (nesting
 * depth, number and string length).
 *
 * <p>The text rules are applied by Gatehouse's reader of request bodies, around this mapper: bodies
 * are decoded as strict UTF-8 (malformed bytes, a byte order mark or another charset refused) and
 * strings may hold neither unpaired surrogates nor, unless
 * {@link StrictJsonSettings#allowControlCharacters()}, C0 control characters.
 *
 * <p>Gatehouse reads request bodies with it and nothing else: it is not the application's
 * {@code ContextResolver<ObjectMapper>}, so responses are written by the runtime's Jackson as the
 * application configured it ({@code quarkus.jackson.*}, its own resolver). An application that
 * reads JSON itself (a client, a message) may apply the same rules to its own mapper:
 *
 * <pre>{@code
 * ObjectMapper mine = StrictJson.configure(JsonMapper.builder(), StrictJsonSettings.ofDefaults())
 *     .addModule(new JavaTimeModule())
 *     .build();
 * }</pre>
 */
public final class StrictJson {

  /** Longest property name accepted; longer names are an attack, not a field. */
  static final int MAX_NAME_LENGTH = 1024;

  private StrictJson() {
  }

  /** A strict mapper with the modules found on the class path (e.g. jackson-datatype-jsr310). */
  public static ObjectMapper mapper(StrictJsonSettings settings) {
    JsonMapper.Builder b = configure(JsonMapper.builder(factory(settings)), settings);
    ObjectMapper mapper = b.build();
    mapper.findAndRegisterModules();
    return mapper;
  }

  /** Applies the strict rules to a builder; the caller may add modules and build. */
  public static JsonMapper.Builder configure(JsonMapper.Builder b, StrictJsonSettings settings) {
    b.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
            DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
            DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
            DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
            DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
            DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
            DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
            DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
            DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT,
            DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL,
            DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS,
            JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
            JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_TRAILING_COMMA,
            JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
            JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS,
            JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    b.withCoercionConfigDefaults(c -> {
      c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
      c.setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail);
      c.setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail);
      c.setAcceptBlankAsEmpty(false);
    });
    // A JSON number or boolean is not a string: {"name": 5} is a type error, not "5".
    b.withCoercionConfig(LogicalType.Textual, c -> {
      c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
      c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
      c.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
      c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsEmpty);
    });
    for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float,
        LogicalType.Boolean}) {
      b.withCoercionConfig(t, c -> {
        c.setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
      });
    }
    b.withCoercionConfig(LogicalType.Integer,
        c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
    b.withCoercionConfig(LogicalType.Boolean,
        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    b.withCoercionConfig(LogicalType.Collection,
        c -> c.setCoercion(CoercionInputShape.EmptyArray, CoercionAction.AsEmpty));
    b.withCoercionConfig(LogicalType.Array,
        c -> c.setCoercion(CoercionInputShape.EmptyArray, CoercionAction.AsEmpty));
    b.withCoercionConfig(LogicalType.Map,
        c -> c.setCoercion(CoercionInputShape.EmptyObject, CoercionAction.AsEmpty));
    b.withCoercionConfig(LogicalType.POJO,
        c -> c.setCoercion(CoercionInputShape.EmptyObject, CoercionAction.AsEmpty));
    return b;
  }

  /** A factory with the stream limits; no feature of it may relax JSON syntax. */
  public static JsonFactory factory(StrictJsonSettings settings) {
    return JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(settings.maxDepth())
            .maxNumberLength(settings.maxNumberLength())
            .maxStringLength(settings.maxStringLength())
            .maxNameLength(MAX_NAME_LENGTH)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
        .build();
  }
}
