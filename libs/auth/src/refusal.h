// How a refused token is reported: the reason and the client id go to the log, the caller
// gets kUnauthenticated with a fixed Dutch message that never contains the token or a secret.
#pragma once

#include <string_view>

#include "vc/core/status.h"

namespace vc::auth {

// The public messages, one per kind of refusal.
inline constexpr char kMsgMissing[] = "Het verzoek bevat geen token.";
inline constexpr char kMsgNotBearer[] =
    "De Authorization-header moet de vorm 'Bearer <token>' hebben.";
inline constexpr char kMsgTooLarge[] = "De Authorization-header is te groot.";
inline constexpr char kMsgEmpty[] = "Het token ontbreekt na 'Bearer'.";
inline constexpr char kMsgMalformed[] = "Het token is geen geldig JWT.";
inline constexpr char kMsgAlgorithm[] = "Het token moet met HS256 ondertekend zijn.";
inline constexpr char kMsgNoClientId[] = "Het token bevat geen client_id.";
inline constexpr char kMsgSignature[] = "De ondertekening van het token is ongeldig.";
inline constexpr char kMsgClaims[] = "Het token bevat geen leesbare claims.";
inline constexpr char kMsgIat[] = "Het token bevat geen geldige iat-claim.";
inline constexpr char kMsgExp[] = "De exp-claim van het token is ongeldig.";
inline constexpr char kMsgExpired[] = "Het token is verlopen.";
inline constexpr char kMsgFuture[] = "Het token is uitgegeven in de toekomst.";
inline constexpr char kMsgGemeente[] =
    "De gemeente-claim van het token is geen gemeentecode van 4 cijfers.";
inline constexpr char kMsgScopes[] =
    "De scopes-claim van het token moet een lijst van teksten zijn.";
inline constexpr char kMsgUserId[] = "De user_id-claim van het token moet een tekst zijn.";

// Logs "auth.token_refused" and returns the kUnauthenticated Status. reason is a short stable
// word for the log; client_id is empty while it is not yet known.
Status Refuse(std::string_view reason, const char* message, std::string_view client_id = {});

}  // namespace vc::auth
