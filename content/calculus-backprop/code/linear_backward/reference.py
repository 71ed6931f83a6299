def linear_backward(x, weight, grad_out):
    # y_nj = sum_i x_ni W_ji + b_j: each y_nj depends on x_ni through W_ji,
    # on W_ji through x_ni, on b_j directly, for every example n
    grad_x = grad_out @ weight  # (N, out) @ (out, in)
    grad_weight = grad_out.T @ x  # (out, N) @ (N, in): summed over the batch
    grad_bias = grad_out.sum(dim=0)
    return grad_x, grad_weight, grad_bias
