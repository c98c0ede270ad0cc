package io.lakemr.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits expression text into tokens: numbers, single-quoted strings ({@code ''} is a quote),
 * names (plain, or in back quotes or double quotes with the quote doubled to escape it),
 * operators and punctuation. Positions are 1-based.
 */
final class Lexer {

  /** Token kinds. */
  enum Kind { NUMBER, STRING, NAME, QUOTED_NAME, OP, LPAREN, RPAREN, COMMA, END }

  /** One token: its kind, its text (unquoted for strings and quoted names), its position. */
  record Token(Kind kind, String text, int pos) {

    boolean isKeyword(String keyword) {
      return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
    }

    boolean isOp(String op) {
      return kind == Kind.OP && text.equals(op);
    }

    String describe() {
      switch (kind) {
        case END:
          return "the end";
        case STRING:
          return "'" + text.replace("'", "''") + "'";
        case QUOTED_NAME:
          return "\"" + text + "\"";
        default:
          return "'" + text + "'";
      }
    }
  }

  private Lexer() {
  }

  static List<Token> tokens(String text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      int pos = i + 1;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
        int j = number(text, i);
        out.add(new Token(Kind.NUMBER, text.substring(i, j), pos));
        i = j;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
          j++;
        }
        out.add(new Token(Kind.NAME, text.substring(i, j), pos));
        i = j;
      } else if (c == '\'' || c == '`' || c == '"') {
        StringBuilder sb = new StringBuilder();
        int j = i + 1;
        while (true) {
          if (j >= n) {
            throw new ExprError(c == '\'' ? "unterminated string" : "unterminated quoted name", pos);
          }
          char d = text.charAt(j);
          if (d == c) {
            if (j + 1 < n && text.charAt(j + 1) == c) {
              sb.append(c);
              j += 2;
              continue;
            }
            break;
          }
          sb.append(d);
          j++;
        }
        if (c != '\'' && sb.length() == 0) {
          throw new ExprError("empty quoted name", pos);
        }
        out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED_NAME, sb.toString(), pos));
        i = j + 1;
      } else if (c == '(') {
        out.add(new Token(Kind.LPAREN, "(", pos));
        i++;
      } else if (c == ')') {
        out.add(new Token(Kind.RPAREN, ")", pos));
        i++;
      } else if (c == ',') {
        out.add(new Token(Kind.COMMA, ",", pos));
        i++;
      } else {
        String op = operator(text, i);
        if (op == null) {
          throw new ExprError("unexpected character '" + c + "'", pos);
        }
        out.add(new Token(Kind.OP, op.equals("<>") ? "!=" : op.equals("==") ? "=" : op, pos));
        i += op.length();
      }
    }
    out.add(new Token(Kind.END, "", n + 1));
    return out;
  }

  private static int number(String text, int i) {
    int n = text.length();
    int j = i;
    while (j < n && Character.isDigit(text.charAt(j))) {
      j++;
    }
    if (j < n && text.charAt(j) == '.') {
      j++;
      while (j < n && Character.isDigit(text.charAt(j))) {
        j++;
      }
    }
    if (j < n && (text.charAt(j) == 'e' || text.charAt(j) == 'E')) {
      int k = j + 1;
      if (k < n && (text.charAt(k) == '+' || text.charAt(k) == '-')) {
        k++;
      }
      if (k < n && Character.isDigit(text.charAt(k))) {
        j = k;
        while (j < n && Character.isDigit(text.charAt(j))) {
          j++;
        }
      }
    }
    if (j < n && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '_')) {
      throw new ExprError("malformed number '" + text.substring(i, j + 1) + "'", i + 1);
    }
    return j;
  }

  private static String operator(String text, int i) {
    String two = i + 2 <= text.length() ? text.substring(i, i + 2) : "";
    switch (two) {
      case "<=":
      case ">=":
      case "!=":
      case "<>":
      case "==":
        return two;
      default:
        break;
    }
    char c = text.charAt(i);
    return "=<>+-*/%".indexOf(c) >= 0 ? String.valueOf(c) : null;
  }
}
