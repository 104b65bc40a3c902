/**
 * User management on top of the identity kernel: administrators create users and bind them to a firm or
 * parks ({@link cn.loopgate.account.UserService}, admin/users.xhtml, {@code /api/v1/users}), the signed-in
 * user's own view ({@code /api/v1/me}, the layout's {@code #{me}}), and the firm/park look-up the kernel
 * needs for OpenID Connect bindings.
 */
package cn.loopgate.account;
