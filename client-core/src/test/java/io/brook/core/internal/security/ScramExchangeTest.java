package io.brook.core.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.config.Password;
import io.brook.common.config.SaslMechanism;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScramExchangeTest {
    // RFC 7677, section 3: the SCRAM-SHA-256 example exchange.
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static ScramExchange rfcExchange() {
        return new ScramExchange(SaslMechanism.SCRAM_SHA_256, "user", Password.of("pencil"), CLIENT_NONCE);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void replaysTheRfc7677Exchange() {
        ScramExchange exchange = rfcExchange();
        assertThat(new String(exchange.initialResponse(), StandardCharsets.UTF_8))
                .isEqualTo("n,,n=user,r=" + CLIENT_NONCE);
        assertThat(new String(exchange.evaluate(bytes(SERVER_FIRST)), StandardCharsets.UTF_8)).isEqualTo(CLIENT_FINAL);
        assertThat(exchange.evaluate(bytes(SERVER_FINAL))).isNull();
    }

    @Test
    void rejectsAServerSignatureThatDoesNotProveKnowledgeOfThePassword() {
        ScramExchange exchange = rfcExchange();
        exchange.evaluate(bytes(SERVER_FIRST));
        assertThatThrownBy(() -> exchange.evaluate(bytes("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")))
                .isInstanceOf(SaslProtocolException.class)
                .hasMessageContaining("server signature is wrong")
                .hasMessageNotContaining("pencil");
    }

    @Test
    void rejectsANonceThatDoesNotExtendTheClientNonce() {
        assertThatThrownBy(() -> rfcExchange().evaluate(bytes("r=someoneElse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")))
                .isInstanceOf(SaslProtocolException.class).hasMessageContaining("nonce");
        assertThatThrownBy(() -> rfcExchange().evaluate(bytes("r=" + CLIENT_NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")))
                .isInstanceOf(SaslProtocolException.class).hasMessageContaining("nonce");
    }

    @Test
    void rejectsFewerIterationsThanKafkasMinimum() {
        assertThatThrownBy(() -> rfcExchange().evaluate(bytes(SERVER_FIRST.replace("i=4096", "i=4095"))))
                .isInstanceOf(SaslProtocolException.class).hasMessageContaining("4095");
    }

    @Test
    void reportsTheBrokersErrorAttribute() {
        ScramExchange exchange = rfcExchange();
        exchange.evaluate(bytes(SERVER_FIRST));
        assertThatThrownBy(() -> exchange.evaluate(bytes("e=invalid-proof")))
                .isInstanceOf(SaslProtocolException.class).hasMessageContaining("invalid-proof");
    }

    @Test
    void rejectsMalformedMessagesAndMessagesAfterTheEnd() {
        assertThatThrownBy(() -> rfcExchange().evaluate(bytes("garbage"))).isInstanceOf(SaslProtocolException.class);
        ScramExchange done = rfcExchange();
        done.evaluate(bytes(SERVER_FIRST));
        done.evaluate(bytes(SERVER_FINAL));
        assertThatThrownBy(() -> done.evaluate(bytes(SERVER_FINAL))).isInstanceOf(SaslProtocolException.class);
    }

    @Test
    void escapesCommaAndEqualsInTheUserName() {
        ScramExchange exchange = new ScramExchange(SaslMechanism.SCRAM_SHA_512, "a=b,c", Password.of("p"), "n0nce");
        assertThat(new String(exchange.initialResponse(), StandardCharsets.UTF_8)).isEqualTo("n,,n=a=3Db=2Cc,r=n0nce");
    }

    @Test
    void sha512ProofHasTheDigestLength() {
        ScramExchange exchange = new ScramExchange(SaslMechanism.SCRAM_SHA_512, "user", Password.of("pencil"),
                CLIENT_NONCE);
        String clientFinal = new String(exchange.evaluate(bytes(SERVER_FIRST)), StandardCharsets.UTF_8);
        String proof = clientFinal.substring(clientFinal.indexOf(",p=") + 3);
        assertThat(java.util.Base64.getDecoder().decode(proof)).hasSize(64);
        assertThat(clientFinal).isNotEqualTo(CLIENT_FINAL);
    }
}
