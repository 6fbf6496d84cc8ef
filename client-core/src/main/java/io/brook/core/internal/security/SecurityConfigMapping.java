package io.brook.core.internal.security;

import io.brook.common.config.ClientConfig;
import io.brook.common.config.CommonConfigs;
import io.brook.common.config.ConfigException;
import io.brook.common.config.OAuthBearerTokenSupplier;
import io.brook.common.config.Password;
import io.brook.common.config.SaslMechanism;
import io.brook.common.config.SecurityConfigs;
import io.brook.common.config.SecurityProtocol;
import io.brook.core.Time;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one mapping from a parsed client configuration to {@link SecuritySettings}: checks that the keys fit
 * together (credentials given once, the JAAS login module matching {@code sasl.mechanism}) and loads the TLS
 * material. Every problem is a {@link ConfigException} naming the key, never a secret. Stateless.
 */
public final class SecurityConfigMapping {
    private static final String UNSECURED = "unsecuredLogin";
    private static final String STRING_CLAIM = "unsecuredLoginStringClaim_";
    private static final String NUMBER_CLAIM = "unsecuredLoginNumberClaim_";
    private static final String LIST_CLAIM = "unsecuredLoginListClaim_";
    private static final String EXTENSION = "unsecuredLoginExtension_";

    private SecurityConfigMapping() {}

    /** @param time the clock tokens are issued and refreshed by */
    public static SecuritySettings from(ClientConfig config, Time time) {
        SecurityProtocol protocol = config.get(CommonConfigs.SECURITY_PROTOCOL);
        TlsSettings tls = protocol.usesTls() ? TlsSettings.from(config) : null;
        SaslSettings sasl = protocol.usesSasl() ? sasl(config, protocol, time) : null;
        return new SecuritySettings(protocol, tls, sasl);
    }

    private static SaslSettings sasl(ClientConfig config, SecurityProtocol protocol, Time time) {
        SaslMechanism mechanism = config.get(SecurityConfigs.SASL_MECHANISM);
        Password jaas = config.get(SecurityConfigs.SASL_JAAS_CONFIG);
        String username = config.get(SecurityConfigs.SASL_USERNAME);
        Password password = config.get(SecurityConfigs.SASL_PASSWORD);
        OAuthBearerTokenSupplier supplier = config.get(SecurityConfigs.SASL_OAUTHBEARER_TOKEN_SUPPLIER);
        boolean typed = username != null || password != null;
        long sources = Arrays.asList(jaas != null, typed, supplier != null).stream().filter(b -> b).count();
        if (sources > 1) {
            throw new ConfigException(SecurityConfigs.SASL_JAAS_CONFIG.name(), "Give the SASL credentials one way: "
                    + SecurityConfigs.SASL_JAAS_CONFIG.name() + ", " + SecurityConfigs.SASL_USERNAME.name() + "/"
                    + SecurityConfigs.SASL_PASSWORD.name() + " or "
                    + SecurityConfigs.SASL_OAUTHBEARER_TOKEN_SUPPLIER.name() + ", not several");
        }
        if (sources == 0) {
            throw new ConfigException(SecurityConfigs.SASL_JAAS_CONFIG.name(), "security.protocol " + protocol
                    + " needs SASL credentials for " + SecurityConfigs.SASL_MECHANISM.name() + " " + mechanism
                    + ": set " + SecurityConfigs.SASL_JAAS_CONFIG.name() + " (e.g. "
                    + "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"...\" "
                    + "password=\"...\";), or " + SecurityConfigs.SASL_USERNAME.name() + " and "
                    + SecurityConfigs.SASL_PASSWORD.name() + ", or " + SecurityConfigs.SASL_OAUTHBEARER_TOKEN_SUPPLIER.name());
        }
        if (supplier != null) {
            requireMechanism(mechanism, mechanism == SaslMechanism.OAUTHBEARER,
                    SecurityConfigs.SASL_OAUTHBEARER_TOKEN_SUPPLIER.name());
            return SaslSettings.oauthBearer(supplier, Map.of(), time);
        }
        if (typed) {
            requireMechanism(mechanism, mechanism != SaslMechanism.OAUTHBEARER, SecurityConfigs.SASL_USERNAME.name());
            if (username == null || password == null) {
                String missing = username == null ? SecurityConfigs.SASL_USERNAME.name()
                        : SecurityConfigs.SASL_PASSWORD.name();
                throw new ConfigException(missing, SecurityConfigs.SASL_USERNAME.name() + " and "
                        + SecurityConfigs.SASL_PASSWORD.name() + " go together; " + missing + " is missing");
            }
            return SaslSettings.userPassword(mechanism, username, password);
        }
        return fromJaas(JaasConfig.parse(jaas.value()), mechanism, time);
    }

    private static SaslSettings fromJaas(JaasConfig jaas, SaslMechanism mechanism, Time time) {
        String module = jaas.moduleSimpleName();
        switch (module) {
            case "PlainLoginModule", "ScramLoginModule" -> {
                boolean scram = module.equals("ScramLoginModule");
                requireMechanism(mechanism, scram ? mechanism.isScram() : mechanism == SaslMechanism.PLAIN,
                        "the " + module + " of " + SecurityConfigs.SASL_JAAS_CONFIG.name());
                if ("true".equalsIgnoreCase(jaas.options().get("tokenauth"))) {
                    throw jaasError("delegation tokens (tokenauth=true) are not supported by Brook");
                }
                String user = jaasOption(jaas, "username");
                String pass = jaasOption(jaas, "password");
                return SaslSettings.userPassword(mechanism, user, Password.of(pass));
            }
            case "OAuthBearerLoginModule" -> {
                requireMechanism(mechanism, mechanism == SaslMechanism.OAUTHBEARER,
                        "the " + module + " of " + SecurityConfigs.SASL_JAAS_CONFIG.name());
                return unsecuredLogin(jaas, time);
            }
            default -> throw jaasError("login module " + jaas.moduleClass() + " is not supported; Brook reads "
                    + "PlainLoginModule, ScramLoginModule and OAuthBearerLoginModule");
        }
    }

    /** Kafka's unsecured OAUTHBEARER login: an unsigned JWT made from the {@code unsecuredLogin*} options. */
    private static SaslSettings unsecuredLogin(JaasConfig jaas, Time time) {
        Map<String, String> strings = new LinkedHashMap<>();
        Map<String, Double> numbers = new LinkedHashMap<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        Map<String, String> extensions = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        jaas.options().forEach((key, value) -> {
            if (key.startsWith(STRING_CLAIM)) {
                strings.put(key.substring(STRING_CLAIM.length()), value);
            } else if (key.startsWith(NUMBER_CLAIM)) {
                numbers.put(key.substring(NUMBER_CLAIM.length()), number(key, value));
            } else if (key.startsWith(LIST_CLAIM)) {
                // Kafka's form: the first character is the delimiter of the rest, e.g. ",read,write".
                String rest = value.length() > 1 ? value.substring(1) : "";
                lists.put(key.substring(LIST_CLAIM.length()), rest.isEmpty() ? List.of()
                        : List.of(rest.split(java.util.regex.Pattern.quote(value.substring(0, 1)), -1)));
            } else if (key.startsWith(EXTENSION)) {
                extensions.put(key.substring(EXTENSION.length()), value);
            } else if (!key.startsWith(UNSECURED)) {
                others.add(key);
            }
        });
        if (!others.isEmpty() || strings.isEmpty()) {
            throw jaasError("OAuthBearerLoginModule " + (others.isEmpty() ? "without unsecuredLogin options"
                    : "with options " + others) + " needs a token login Brook does not implement; give a token "
                    + "supplier instead (" + SecurityConfigs.SASL_OAUTHBEARER_TOKEN_SUPPLIER.name()
                    + "), or unsecuredLoginStringClaim_sub for a broker with the unsecured validator");
        }
        String principalClaim = jaas.options().getOrDefault(UNSECURED + "PrincipalClaimName", "sub");
        if (!strings.containsKey(principalClaim)) {
            throw jaasError("OAuthBearerLoginModule needs " + STRING_CLAIM + principalClaim + " (the principal)");
        }
        long lifetime = (long) number(UNSECURED + "LifetimeSeconds",
                jaas.options().getOrDefault(UNSECURED + "LifetimeSeconds", "3600"));
        if (lifetime < 1) {
            throw jaasError(UNSECURED + "LifetimeSeconds must be >= 1");
        }
        return SaslSettings.oauthBearer(new UnsecuredJwtSupplier(strings, numbers, lists, lifetime, time), extensions,
                time);
    }

    private static double number(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw jaasError("option " + key + " must be a number");
        }
    }

    private static String jaasOption(JaasConfig jaas, String name) {
        String value = jaas.options().get(name);
        if (value == null || value.isEmpty()) {
            throw jaasError(jaas.moduleSimpleName() + " needs the option " + name);
        }
        return value;
    }

    private static void requireMechanism(SaslMechanism mechanism, boolean fits, String credentials) {
        if (!fits) {
            throw new ConfigException(SecurityConfigs.SASL_MECHANISM.name(), SecurityConfigs.SASL_MECHANISM.name()
                    + " is " + mechanism + ", which " + credentials + " does not serve");
        }
    }

    private static ConfigException jaasError(String problem) {
        return new ConfigException(SecurityConfigs.SASL_JAAS_CONFIG.name(), "Invalid "
                + SecurityConfigs.SASL_JAAS_CONFIG.name() + ": " + problem);
    }
}
