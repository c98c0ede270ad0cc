package io.lakemr.drivers;

import java.util.regex.Pattern;
import javax.security.auth.login.LoginException;
import javax.security.sasl.SaslException;
import org.apache.hadoop.security.AccessControlException;
import org.ietf.jgss.GSSException;

/**
 * Recognises a file system's refusal to authenticate the user (no Kerberos ticket, an expired
 * one, a failed keytab login) among a failure's causes, and tells it in one line that says
 * what to do. A permission denied to an authenticated user is not one.
 */
final class AuthenticationFailure {

  private static final Pattern AUTHENTICATION = Pattern.compile("(?i)authenticat");

  private AuthenticationFailure() {
  }

  /** The cause that says authentication failed, or null when none does. */
  static Throwable find(Throwable e) {
    Throwable found = null;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      boolean refused = t instanceof SaslException || t instanceof GSSException || t instanceof LoginException
          || (t instanceof AccessControlException && t.getMessage() != null
              && AUTHENTICATION.matcher(t.getMessage()).find());
      if (refused) {
        found = t; // the innermost says it best
      }
    }
    return found;
  }

  /**
   * What to tell the user when {@code e} is an authentication failure: that, its reason, and
   * what to do, in one line; null when it is not one.
   */
  static String describe(Throwable e) {
    Throwable refused = find(e);
    if (refused == null) {
      return null;
    }
    String reason = refused.getMessage() == null ? refused.getClass().getSimpleName()
        : refused.getMessage().lines().findFirst().orElse("");
    return "not authenticated to the file system (" + reason + "); on a Kerberos cluster log in first: "
        + "kinit, or kinit -kt KEYTAB PRINCIPAL";
  }
}
